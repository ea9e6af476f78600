//! The site's own shape, which only admins change: its sections (added, edited, put in order,
//! deleted while empty), the name and tagline every page shows, and whether pages may show
//! images from other sites. Each change to what pages show is announced as
//! [`Change::Catalog`], like any other change to what the menus and layouts show.

use super::{Change, Newsroom};
use crate::{Error, Result};
use lede_core::Slug;
use lede_core::account::{Action, User};
use lede_core::content::{Section, SectionId, SectionInput, optional, optional_text, required};
use lede_core::language::SiteLanguages;
use lede_core::names::{LocalName, Named};
use lede_core::{Invalid, Message};
use std::sync::atomic::Ordering;

/// The settings keys the name and tagline live under (`lede serve` reads them at start).
pub const SITE_NAME_KEY: &str = "site_name";

/// Where the tagline in one of the site's other languages is kept (`site_tagline:ur`).
fn tagline_key(language: &str) -> String {
    format!("{SITE_TAGLINE_KEY}:{language}")
}
pub const SITE_TAGLINE_KEY: &str = "site_tagline";
/// The settings key of the site's languages, default first (`en,ur`).
pub const LANGUAGES_KEY: &str = "site_languages";
/// The settings key of whether pages may show images from other sites (`on`; anything else,
/// or nothing, is off).
pub const REMOTE_IMAGES_KEY: &str = "remote_images";
/// The settings key of the mark [`Newsroom::mark_outside_change`] leaves.
pub const OUTSIDE_CHANGE_KEY: &str = "changed_outside_server";

/// Which way a section moves among its siblings in the menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// Refuses anyone but an admin: the web pages check first, and this keeps every other caller
/// to the same rule.
pub(super) fn may_manage_site(by: &User) -> Result<()> {
    if by.role.may(Action::ManageSite) {
        Ok(())
    } else {
        Err(Error::Forbidden("store-admin-only-sections".into()))
    }
}

/// Refuses a parent that would put a section inside itself, directly or further down, which
/// would make the menu a loop.
pub(super) fn check_parent(sections: &[Section], slug: &Slug, parent: Option<&Slug>) -> Result<()> {
    let mut current = parent.and_then(|p| sections.iter().find(|s| &s.slug == p));
    // Bounded by the number of sections, in case the stored tree already holds a loop.
    for _ in 0..=sections.len() {
        let Some(section) = current else {
            return Ok(());
        };
        if &section.slug == slug {
            return Err(Invalid::new("parent", "store-section-inside-itself").into());
        }
        current = section.parent.and_then(|id| sections.iter().find(|s| s.id == id));
    }
    Ok(())
}

/// What saving `section` unchanged takes: its fields and its parent's slug.
fn input_of(sections: &[Section], section: &Section) -> SectionInput {
    SectionInput {
        slug: section.slug.clone(),
        name: section.name.clone(),
        description: section.description.clone(),
        parent: section
            .parent
            .and_then(|id| sections.iter().find(|s| s.id == id))
            .map(|p| p.slug.clone()),
    }
}

impl Newsroom {
    /// Adds a section. Its slug (its address, `/section/SLUG`) must be free: saving by slug
    /// would otherwise quietly overwrite the section that holds it.
    pub async fn create_section(
        &self,
        by: &User,
        mut input: SectionInput,
        position: i64,
    ) -> Result<SectionId> {
        may_manage_site(by)?;
        input.description = optional_text("description", &input.description, 500)?;
        if let Some(taken) = self.store.section_by_slug(input.slug.as_str()).await? {
            return Err(Invalid::new(
                "slug",
                Message::new("store-section-address-taken")
                    .text("name", taken.name)
                    .text("slug", taken.slug),
            )
            .into());
        }
        self.save_section(input, position).await
    }

    /// Changes a section's name, description, parent or position. The slug stays, so links
    /// to the section keep working.
    pub async fn update_section(
        &self,
        by: &User,
        mut input: SectionInput,
        position: i64,
    ) -> Result<SectionId> {
        may_manage_site(by)?;
        input.description = optional_text("description", &input.description, 500)?;
        if self.store.section_by_slug(input.slug.as_str()).await?.is_none() {
            return Err(Error::NotFound("section"));
        }
        self.save_section(input, position).await
    }

    /// [`Self::update_section`] with the section's names in the site's other languages, all
    /// checked before anything is written.
    pub async fn update_section_in_languages(
        &self,
        by: &User,
        input: SectionInput,
        position: i64,
        names: Vec<LocalName>,
    ) -> Result<SectionId> {
        may_manage_site(by)?;
        let names = lede_core::names::check(Named::Section, names, &self.languages())?;
        let slug = input.slug.clone();
        let id = self.update_section(by, input, position).await?;
        self.save_local_names(Named::Section, &slug, names).await?;
        Ok(id)
    }

    /// Moves a section one place up or down among the sections that share its parent, and
    /// numbers those siblings 10, 20, 30… so that equal positions cannot keep them stuck.
    pub async fn move_section(&self, by: &User, id: SectionId, direction: Direction) -> Result<()> {
        may_manage_site(by)?;
        let sections = self.store.sections().await?;
        let parent = sections.iter().find(|s| s.id == id).ok_or(Error::NotFound("section"))?.parent;
        // `sections()` comes in menu order: by position, then by name.
        let mut siblings: Vec<&Section> = sections.iter().filter(|s| s.parent == parent).collect();
        let at = siblings.iter().position(|s| s.id == id).unwrap_or(0);
        let to = match direction {
            Direction::Up => at.saturating_sub(1),
            Direction::Down => (at + 1).min(siblings.len() - 1),
        };
        siblings.swap(at, to);
        for (index, section) in siblings.iter().enumerate() {
            let position = (index as i64 + 1) * 10;
            if section.position != position {
                self.store.upsert_section(&input_of(&sections, section), position).await?;
            }
        }
        self.announce(Change::Catalog);
        Ok(())
    }

    /// Deletes a section that holds no articles and no subsections. One that does is kept,
    /// with a message saying what to move first.
    pub async fn delete_section(&self, by: &User, id: SectionId) -> Result<()> {
        may_manage_site(by)?;
        let sections = self.store.sections().await?;
        let section = sections.iter().find(|s| s.id == id).ok_or(Error::NotFound("section"))?;
        let articles = self
            .store
            .section_article_counts()
            .await?
            .into_iter()
            .find(|(s, _)| *s == id)
            .map_or(0, |(_, n)| n);
        if articles > 0 {
            return Err(Error::Conflict(
                Message::new("store-section-has-articles")
                    .text("name", &section.name)
                    .number("count", i64::try_from(articles).unwrap_or(i64::MAX)),
            ));
        }
        if sections.iter().any(|s| s.parent == Some(id)) {
            return Err(Error::Conflict(
                Message::new("store-section-has-subsections").text("name", &section.name),
            ));
        }
        self.store.delete_section(id).await?;
        self.announce(Change::Catalog);
        Ok(())
    }

    /// Stores the site's name and tagline (the settings `lede serve` starts with) and returns
    /// them as stored, trimmed.
    pub async fn save_site_identity(
        &self,
        by: &User,
        name: &str,
        tagline: &str,
    ) -> Result<(String, String)> {
        may_manage_site(by)?;
        self.set_site_identity(name, tagline).await
    }

    /// [`Self::save_site_identity`] for the operator's own tools (the demo loader, commands
    /// run on the server), which act without an account.
    pub async fn set_site_identity(&self, name: &str, tagline: &str) -> Result<(String, String)> {
        let name = required("name", name, 100)?;
        let tagline = optional("tagline", tagline, 200)?;
        self.store.put_setting(SITE_NAME_KEY, &name).await?;
        self.store.put_setting(SITE_TAGLINE_KEY, &tagline).await?;
        self.announce(Change::Catalog);
        Ok((name, tagline))
    }

    /// The tagline in each of the site's other languages that has one: what an edition's
    /// pages say under the site's name.
    pub async fn site_taglines(&self) -> Result<Vec<(String, String)>> {
        let languages = self.languages();
        let mut taglines = Vec::new();
        for language in languages.editions() {
            if let Some(tagline) = self.store.setting(&tagline_key(language)).await?
                && !tagline.is_empty()
            {
                taglines.push((language.to_owned(), tagline));
            }
        }
        Ok(taglines)
    }

    /// Sets the tagline in `language`, one of the site's other languages (admins only); an
    /// empty one falls back to the default language's.
    pub async fn save_site_tagline(&self, by: &User, language: &str, tagline: &str) -> Result<()> {
        may_manage_site(by)?;
        self.set_site_tagline(language, tagline).await
    }

    /// [`Self::save_site_tagline`] for the operator's own tools (the demo loader).
    pub async fn set_site_tagline(&self, language: &str, tagline: &str) -> Result<()> {
        let languages = self.languages();
        let language = languages.check(language)?;
        if language == languages.default_language() {
            return Err(Invalid::new(
                "language",
                Message::new("names-error-default-language").text("language", &language),
            )
            .into());
        }
        let tagline = optional("tagline", tagline, 200)?;
        self.store.put_setting(&tagline_key(&language), &tagline).await?;
        self.announce(Change::Catalog);
        Ok(())
    }

    /// Sets the languages the site publishes in (admins only). A language that articles are
    /// still written in cannot be dropped: they would lose their edition.
    pub async fn save_languages(&self, by: &User, languages: SiteLanguages) -> Result<()> {
        may_manage_site(by)?;
        self.set_languages(languages).await
    }

    /// [`Self::save_languages`] for the operator (`lede.toml`'s `languages`, the demo).
    pub async fn set_languages(&self, languages: SiteLanguages) -> Result<()> {
        let in_use = self.store.article_languages().await?;
        if let Some(orphan) = in_use.iter().find(|l| !languages.all().contains(l)) {
            return Err(Invalid::new(
                "languages",
                Message::new("store-language-in-use").text("language", orphan),
            )
            .into());
        }
        self.store.put_setting(LANGUAGES_KEY, &languages.stored()).await?;
        *self.languages.write().unwrap_or_else(std::sync::PoisonError::into_inner) = languages;
        self.announce(Change::Catalog);
        Ok(())
    }

    /// Whether readers' browsers may load images from other sites (`https:` in the pages'
    /// `Content-Security-Policy`). Off by default: a page then makes no request to another
    /// site, so none learns who reads it; images an import left on the old site stay blank.
    pub fn remote_images(&self) -> bool {
        self.remote_images.load(Ordering::Relaxed)
    }

    /// Allows or refuses images from other sites (admins only), from the next response on.
    pub async fn save_remote_images(&self, by: &User, allowed: bool) -> Result<()> {
        may_manage_site(by)?;
        self.set_remote_images(allowed).await
    }

    /// [`Self::save_remote_images`] for the operator's own tools, which act without an
    /// account. Announces nothing: what pages show is unchanged, and the header that carries
    /// the choice is added to every response as it leaves, cached page or not. Other servers
    /// read it again with the site's settings (on a catalog change or a missed notification).
    pub async fn set_remote_images(&self, allowed: bool) -> Result<()> {
        self.store.put_setting(REMOTE_IMAGES_KEY, if allowed { "on" } else { "off" }).await?;
        self.remote_images.store(allowed, Ordering::Relaxed);
        Ok(())
    }

    /// Leaves a mark in the database that running servers poll: a command that changed
    /// content from outside them (moderation, an import) tells them to drop rendered pages.
    pub async fn mark_outside_change(&self) -> Result<()> {
        let mark = format!("{}-{}", self.now().unix_timestamp_nanos(), std::process::id());
        self.store.put_setting(OUTSIDE_CHANGE_KEY, &mark).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(id: i64, slug: &str, parent: Option<i64>) -> Section {
        Section {
            id: SectionId(id),
            slug: Slug::parse(slug).expect("slug"),
            name: slug.to_owned(),
            description: String::new(),
            parent: parent.map(SectionId),
            position: 0,
        }
    }

    #[test]
    fn a_section_cannot_sit_inside_itself_or_its_own_subsections() {
        let tree =
            [section(1, "news", None), section(2, "world", Some(1)), section(3, "europe", Some(2))];
        let slug = |s: &str| Slug::parse(s).expect("slug");
        let table = [
            ("news", Some("europe"), false),
            ("news", Some("news"), false),
            ("world", Some("europe"), false),
            ("europe", Some("news"), true),
            ("world", None, true),
            ("sport", Some("world"), true),
        ];
        for (moving, parent, allowed) in table {
            let parent = parent.map(slug);
            let result = check_parent(&tree, &slug(moving), parent.as_ref());
            assert_eq!(result.is_ok(), allowed, "{moving} under {parent:?}");
        }
    }
}
