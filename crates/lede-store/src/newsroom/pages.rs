//! Static pages and the site's menus. Editors and admins write, publish and delete pages (a
//! page is content, as on WordPress); only admins change the menus, which are part of the
//! site's shape. Pages show in the footer and menus on every page, so every change is
//! announced as [`Change::Catalog`]: every rendered page is dropped, here and on the other
//! servers, and the in-memory catalog is read again.

use super::site::may_manage_site;
use super::{Change, Newsroom};
use crate::sql::PageWrite;
use crate::{Error, Result};
use lede_core::account::{Action, User};
use lede_core::content::{EditablePage, PageEdit, PageId, PageInput, PageStatus};
use lede_core::menu::{Menu, MenuName};
use lede_core::{Invalid, Message};

/// Longest page body accepted, in characters of Markdown.
const MAX_BODY_CHARS: usize = 200_000;

/// Refuses anyone but an editor or an admin.
fn may_manage_pages(by: &User) -> Result<()> {
    if by.role.may(Action::ManagePages) {
        Ok(())
    } else {
        Err(Error::Forbidden("store-pages-editors-only".into()))
    }
}

impl Newsroom {
    /// Checks a page's fields against the rules and the site: a free address that is not a
    /// route's or an edition's, a language the site publishes in.
    async fn check_page(
        &self,
        edit: PageEdit,
        id: Option<PageId>,
    ) -> Result<(PageInput, Option<String>)> {
        let input = edit.page.check()?;
        if input.body_markdown.chars().count() > MAX_BODY_CHARS {
            return Err(Invalid::new(
                "body",
                Message::new("validation-too-long").text("max", MAX_BODY_CHARS),
            )
            .into());
        }
        let languages = self.languages();
        if languages.all().iter().any(|l| l == input.slug.as_str()) {
            return Err(Invalid::new(
                "slug",
                Message::new("validation-page-slug-reserved").text("slug", &input.slug),
            )
            .into());
        }
        if let Some(holder) = self.store.page_id_by_slug(input.slug.as_str()).await?
            && Some(holder) != id
        {
            return Err(Invalid::new(
                "slug",
                Message::new("store-page-address-taken").text("slug", &input.slug),
            )
            .into());
        }
        // The default language is stored as none, so a page follows the site's default.
        let language = match edit.language.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(language) => {
                let language = languages.check(language)?;
                (language != languages.default_language()).then_some(language)
            }
        };
        Ok((input, language))
    }

    /// Adds a page, as a draft or published at once (editors and admins).
    pub async fn create_page(&self, by: &User, edit: PageEdit) -> Result<PageId> {
        may_manage_pages(by)?;
        let status = edit.status;
        let (input, language) = self.check_page(edit, None).await?;
        let html = lede_core::markdown::render(&input.body_markdown);
        let id = self
            .store
            .insert_page(&PageWrite {
                input: &input,
                body_html: &html,
                language: language.as_deref(),
                status,
                by: Some(by.id),
                now: self.now(),
            })
            .await?;
        if status == PageStatus::Published {
            self.announce(Change::Catalog);
        }
        Ok(id)
    }

    /// Saves a page's new text, address, language and status, keeping a revision (editors
    /// and admins). Returns the status it had before.
    pub async fn update_page(&self, by: &User, id: PageId, edit: PageEdit) -> Result<PageStatus> {
        may_manage_pages(by)?;
        let status = edit.status;
        let (input, language) = self.check_page(edit, Some(id)).await?;
        let html = lede_core::markdown::render(&input.body_markdown);
        let before = self
            .store
            .update_page(
                id,
                &PageWrite {
                    input: &input,
                    body_html: &html,
                    language: language.as_deref(),
                    status,
                    by: Some(by.id),
                    now: self.now(),
                },
            )
            .await?;
        // A draft saved as a draft shows nowhere; anything else changes what readers see
        // (the page, the footer, a menu's link, a redirect from its old address).
        if before.status == PageStatus::Published || status == PageStatus::Published {
            self.announce(Change::Catalog);
        }
        Ok(before.status)
    }

    /// Publishes or unpublishes a page (editors and admins); returns whether it changed.
    pub async fn set_page_status(&self, by: &User, id: PageId, status: PageStatus) -> Result<bool> {
        may_manage_pages(by)?;
        let changed = self.store.set_page_status(id, status, self.now()).await?;
        if changed {
            self.announce(Change::Catalog);
        }
        Ok(changed)
    }

    /// Saves an earlier version of a page again, as a new revision; the page keeps its
    /// status and language (editors and admins).
    pub async fn restore_page_revision(&self, by: &User, id: PageId, version: i64) -> Result<()> {
        may_manage_pages(by)?;
        let page = self.store.editable_page(id).await?.ok_or(Error::NotFound("page"))?;
        let revisions = self.store.page_revisions(id).await?;
        let old = revisions
            .into_iter()
            .find(|r| r.version == version)
            .ok_or(Error::NotFound("revision"))?;
        let edit = PageEdit {
            page: PageInput { slug: old.slug, title: old.title, body_markdown: old.body_markdown },
            language: page.language,
            status: page.status,
        };
        self.update_page(by, id, edit).await.map(drop)
    }

    /// Deletes a page with its revisions and the menu links to it (editors and admins).
    pub async fn delete_page(&self, by: &User, id: PageId) -> Result<()> {
        may_manage_pages(by)?;
        self.store.delete_page(id).await?;
        self.announce(Change::Catalog);
        Ok(())
    }

    /// A page as its form shows it (editors and admins).
    pub async fn page_for_editing(&self, by: &User, id: PageId) -> Result<EditablePage> {
        may_manage_pages(by)?;
        self.store.editable_page(id).await?.ok_or(Error::NotFound("page"))
    }

    /// Saves a whole menu in one transaction (admins only): its links in order, each
    /// checked, sections and pages that exist.
    pub async fn save_menu(&self, by: &User, menu: Menu) -> Result<()> {
        may_manage_site(by)?;
        self.set_menu(menu).await
    }

    /// [`Self::save_menu`] for the operator's own tools (the demo loader).
    pub async fn set_menu(&self, menu: Menu) -> Result<()> {
        let language = self.languages().check(&menu.language)?;
        let menu = Menu { language, ..menu }.check()?;
        let sections = self.store.sections().await?;
        for item in &menu.items {
            match &item.target {
                lede_core::menu::MenuTarget::Section(slug)
                    if !sections.iter().any(|s| &s.slug == slug) =>
                {
                    return Err(Invalid::new(
                        "target",
                        Message::new("store-no-section").text("slug", slug),
                    )
                    .into());
                }
                lede_core::menu::MenuTarget::Page(slug)
                    if self.store.page_id_by_slug(slug.as_str()).await?.is_none() =>
                {
                    return Err(Invalid::new(
                        "target",
                        Message::new("store-no-page").text("slug", slug),
                    )
                    .into());
                }
                _ => {}
            }
        }
        self.store.put_menu(&menu, self.now()).await?;
        self.announce(Change::Catalog);
        Ok(())
    }

    /// Forgets a saved menu, so pages show the default again (admins only).
    pub async fn reset_menu(&self, by: &User, name: MenuName, language: &str) -> Result<()> {
        may_manage_site(by)?;
        if self.store.delete_menu(name, language).await? {
            self.announce(Change::Catalog);
        }
        Ok(())
    }
}
