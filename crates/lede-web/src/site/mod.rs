//! The reader-facing site: routes, and the layout every page shares.

pub(crate) mod article;
mod body_images;
pub(crate) mod edition;
pub use edition::Edition;
pub(crate) mod comments;
mod corrections;
mod home;
mod lists;
mod newsletters;
mod pages;
pub(crate) mod preview;
mod search;

pub use pages::{error_page, health, ready, redirect_for};

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::views::Link;
use axum::Router;
use axum::response::Html;
use axum::routing::{get, post};
use lede_core::menu::{MenuName, MenuTarget};
use lede_core::names::Named;
use lede_core::urls;
use serde::Serialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::show_home))
        .route("/articles", get(lists::all_articles))
        .route("/articles/{slug}", get(article::show_article))
        .route(
            "/articles/{slug}/comments",
            post(comments::post_comment).layer(comments::body_limit()),
        )
        .route("/corrections", get(corrections::corrections_page))
        .route("/subscribe", get(newsletters::subscribe_page).post(newsletters::subscribe))
        .route("/subscribe/confirm", get(newsletters::confirm))
        .route("/newsletters/manage", get(newsletters::manage_page).post(newsletters::save_lists))
        .route(
            "/newsletters/unsubscribe",
            get(newsletters::unsubscribe_page).post(newsletters::unsubscribe),
        )
        .route("/preview/{token}", get(preview::shared_preview))
        .route("/search", get(search::search_page))
        .route("/search.json", get(search::search_json))
        .route("/section/{slug}", get(lists::section_articles))
        .route("/tag/{slug}", get(lists::tag_articles))
        .route("/author/{slug}", get(lists::author_page))
        .route("/archive/{year}", get(lists::year_archive))
        .route("/archive/{year}/{month}", get(lists::month_archive))
        .route("/archive/{year}/{month}/{day}", get(lists::day_archive))
        .route("/{slug}", get(pages::static_page))
        .fallback(pages::not_found)
}

/// What every page's layout shows: the site's name, the section menu and footer links.
#[derive(Debug, Serialize)]
pub struct Layout {
    pub site_name: String,
    pub tagline: String,
    pub sections: Vec<Link>,
    pub footer: Vec<Link>,
    pub assets: std::collections::BTreeMap<&'static str, String>,
    /// The page's title (before the site's name) and description.
    pub title: String,
    pub description: String,
    /// The page's own absolute URL, when it has one worth indexing.
    pub canonical: Option<String>,
    pub social: Option<crate::seo::SocialMeta>,
    /// JSON-LD documents, already serialised safely for a `<script>` element.
    pub json_ld: Vec<String>,
    /// Feeds to announce with `<link rel="alternate">`: the whole site's, and the list's own.
    pub feeds: Vec<FeedLink>,
    /// The language of the page's words (`<html lang>`, every `t()` of its templates): an
    /// article's own language, or the edition's.
    pub lang: String,
    /// `rtl` for right-to-left languages, else `ltr` (`<html dir>`).
    pub dir: &'static str,
    /// The edition's front page, all-articles list and search (`/ur/…` in the Urdu edition).
    pub home: String,
    pub all_articles: String,
    pub search: String,
    /// The edition's corrections page, linked from every page's footer.
    pub corrections: String,
    /// The site's other editions, each named in its own language, for the language switch.
    pub editions: Vec<EditionLink>,
    /// The page in other languages (`<link rel="alternate" hreflang>`): a translated story.
    pub alternates: Vec<Alternate>,
    /// Web fonts the page's own text needs at once (Nastaliq on a page showing Urdu), to
    /// `<link rel="preload">`; empty on pages that show none.
    pub fonts: Vec<String>,
    /// The site's logo, shown beside its name, if the site has one.
    pub logo: Option<String>,
    /// The catalog the menu was named from, to name it again in the page's language.
    #[serde(skip)]
    catalog: std::sync::Arc<crate::catalog::Catalog>,
}

/// The header menu of pages in `language`: the one an admin saved for it, else the
/// top-level sections. Section links lead into the edition at `prefix` (`/ur`).
fn menu(catalog: &crate::catalog::Catalog, language: &str, prefix: &str) -> Vec<Link> {
    if let Some(menu) = catalog.menu(MenuName::Header, language) {
        return menu_links(catalog, menu, language, prefix);
    }
    let names = catalog.names(language);
    catalog
        .sections
        .iter()
        .filter(|s| s.parent.is_none())
        .map(|s| Link {
            url: format!("{prefix}{}", urls::section(&s.slug)),
            name: names.name(Named::Section, &s.slug, &s.name).to_owned(),
        })
        .collect()
}

/// The footer's links of pages in `language`: the saved footer menu, else the published
/// static pages.
fn footer(catalog: &crate::catalog::Catalog, language: &str, prefix: &str) -> Vec<Link> {
    match catalog.menu(MenuName::Footer, language) {
        Some(menu) => menu_links(catalog, menu, language, prefix),
        None => catalog.pages.iter().map(Link::page).collect(),
    }
}

/// A saved menu's links: a section named in `language` (or by the item's label), a
/// published page by its title (or the label), an external link by its label. Links to a
/// section or page that is gone, or a page unpublished, are left out.
fn menu_links(
    catalog: &crate::catalog::Catalog,
    menu: &lede_core::menu::Menu,
    language: &str,
    prefix: &str,
) -> Vec<Link> {
    let names = catalog.names(language);
    let label = |label: &str, name: &str| {
        if label.is_empty() { name.to_owned() } else { label.to_owned() }
    };
    menu.items
        .iter()
        .filter_map(|item| match &item.target {
            MenuTarget::Section(slug) => {
                catalog.sections.iter().find(|s| &s.slug == slug).map(|s| Link {
                    url: format!("{prefix}{}", urls::section(slug)),
                    name: label(&item.label, names.name(Named::Section, slug, &s.name)),
                })
            }
            MenuTarget::Page(slug) => catalog
                .pages
                .iter()
                .find(|p| &p.slug == slug)
                .map(|p| Link { url: urls::page(slug), name: label(&item.label, &p.name) }),
            MenuTarget::Link(url) => Some(Link { url: url.clone(), name: item.label.clone() }),
        })
        .collect()
}

/// The same page in another language, for search engines.
#[derive(Debug, Serialize)]
pub struct Alternate {
    pub hreflang: String,
    pub href: String,
}

/// A link to another edition, named in its own language (`اردو`, `English`).
#[derive(Debug, Serialize)]
pub struct EditionLink {
    pub url: String,
    pub name: String,
    pub lang: String,
}

#[derive(Debug, Serialize)]
pub struct FeedLink {
    pub title: String,
    pub url: String,
    pub mime: &'static str,
}

/// The three feeds (RSS, Atom, JSON Feed) of the list at `base` (the front page for the whole
/// site).
pub fn feed_links(state: &AppState, base: &str, title: &str) -> Vec<FeedLink> {
    crate::feeds::FORMATS
        .iter()
        .map(|format| FeedLink {
            title: state.say("feed-link-title", &[("title", title), ("format", format.label)]),
            url: urls::feed(base, format.file),
            mime: format.mime,
        })
        .collect()
}

impl Layout {
    pub async fn load(
        state: &AppState,
        title: impl Into<String>,
        description: impl Into<String>,
    ) -> AppResult<Self> {
        let catalog = state.catalog.get(&state.newsroom).await?;
        let identity = state.identity();
        // Until a page names its language, it takes the default edition's menus.
        let default_language = state.newsroom.languages().default_language().to_owned();
        Ok(Self {
            feeds: feed_links(state, urls::HOME, &identity.name),
            site_name: identity.name,
            tagline: identity.tagline,
            sections: menu(&catalog, &default_language, ""),
            footer: footer(&catalog, &default_language, ""),
            assets: crate::assets::urls(),
            title: title.into(),
            description: description.into(),
            canonical: None,
            social: None,
            json_ld: Vec::new(),
            lang: crate::i18n::FALLBACK.to_owned(),
            dir: "ltr",
            home: urls::HOME.to_owned(),
            all_articles: urls::ARTICLES.to_owned(),
            search: urls::SEARCH.to_owned(),
            corrections: urls::CORRECTIONS.to_owned(),
            editions: Vec::new(),
            alternates: Vec::new(),
            fonts: Vec::new(),
            logo: catalog.page.images.logo.clone(),
            catalog,
        })
    }

    /// Sets the language the page's interface speaks (an article's, an edition's), and
    /// takes its menus (names the sections in them in it).
    pub fn in_language(mut self, language: &str) -> Self {
        self.sections = menu(&self.catalog, language, "");
        self.footer = footer(&self.catalog, language, "");
        if let Some(tagline) = self.catalog.tagline(language) {
            self.tagline = tagline.to_owned();
        }
        self.dir = if lede_core::content::is_right_to_left(language) { "rtl" } else { "ltr" };
        self.lang = language.to_owned();
        self
    }

    /// Names the page's canonical address (a path on this site).
    pub fn at(mut self, state: &AppState, path: &str) -> Self {
        self.canonical = Some(state.settings.absolute(path));
        self
    }

    /// Preloads the fonts for text in these languages (an article's, or its cards').
    /// Puts the page in an edition: its language's words, and its own addresses for the
    /// front page, the section menu, search and feeds; the other editions are offered.
    pub fn in_edition(mut self, state: &AppState, edition: &Edition) -> Self {
        self = self.in_language(&edition.language);
        self.home = edition.path(urls::HOME);
        self.all_articles = edition.path(urls::ARTICLES);
        self.search = edition.path(urls::SEARCH);
        self.corrections = edition.path(urls::CORRECTIONS);
        self.sections = menu(&self.catalog, &edition.language, &edition.prefix);
        self.footer = footer(&self.catalog, &edition.language, &edition.prefix);
        for feed in &mut self.feeds {
            feed.url = edition.path(&feed.url);
        }
        let languages = state.newsroom.languages();
        self.editions = languages
            .all()
            .iter()
            .filter(|language| **language != edition.language)
            .map(|language| EditionLink {
                url: if language == languages.default_language() {
                    urls::HOME.to_owned()
                } else {
                    format!("/{language}/")
                },
                name: state.translations.message(language, "language-autonym", None),
                lang: language.clone(),
            })
            .collect();
        self
    }

    pub fn showing<'a>(mut self, languages: impl IntoIterator<Item = &'a str>) -> Self {
        self.fonts = crate::assets::fonts_for(languages);
        self
    }
}

/// The address prefix of the edition for `language` (`/ur`; empty for the default language),
/// for links that lead a reader of a story in that language on to its section or author.
pub fn edition_prefix(state: &AppState) -> impl Fn(&str) -> String + '_ {
    |language| edition::prefix(state, language)
}

/// Gives `images` (a page's cards', its article's) what the media library knows of them:
/// sizes, resized variants and thumbnails, in one query for the whole page, whatever it shows.
/// (A list, not an iterator: a handler's future must not hold iterator closures.)
pub async fn illustrate(
    state: &AppState,
    mut images: Vec<&mut crate::views::ImageView>,
) -> AppResult<()> {
    images.retain(|i| lede_store::MediaLibrary::may_hold(&i.src));
    if images.is_empty() {
        return Ok(());
    }
    let paths: Vec<String> = images.iter().map(|i| i.src.clone()).collect();
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    let items = state.newsroom.store().media_by_paths(&paths).await?;
    add_library(images, &items);
    Ok(())
}

/// Gives each of `images` what the media library's `items` say of it.
pub fn add_library(images: Vec<&mut crate::views::ImageView>, items: &[lede_store::MediaItem]) {
    for image in images {
        if let Some(item) = items.iter().find(|m| m.path == image.src) {
            image.add_library(item);
        }
    }
}

/// The images of `cards`, for [`illustrate`].
pub fn card_images<'a>(
    cards: impl IntoIterator<Item = &'a mut crate::views::ArticleCard>,
) -> Vec<&'a mut crate::views::ImageView> {
    cards.into_iter().filter_map(|card| card.image.as_mut()).collect()
}

/// The breaking-news banner a page shows, in its language.
#[derive(Debug, Serialize)]
pub struct BreakingView {
    pub text: String,
    pub link: Option<String>,
}

/// Renders a template with the layout and the page's own view.
pub fn render(
    state: &AppState,
    template: &str,
    layout: &Layout,
    page: impl Serialize,
) -> AppResult<Html<String>> {
    // The banner of the page's edition, while it is live: the catalog keeps those that were
    // when it was read, and pages rendered after one expires leave it out at once.
    let breaking = layout
        .catalog
        .breaking(&layout.lang, state.newsroom.now())
        .map(|b| BreakingView { text: b.text.clone(), link: b.link.clone() });
    Ok(state.templates.render(
        template,
        minijinja::context! { site => layout, page => page, lang => layout.lang, breaking => breaking },
    )?)
}

/// The `?page=N` of a list: a positive whole number, 1 when absent.
#[derive(Debug, serde::Deserialize)]
pub struct PageQuery {
    page: Option<String>,
}

impl PageQuery {
    pub fn new(page: Option<String>) -> Self {
        Self { page }
    }

    pub fn number(&self) -> AppResult<u32> {
        match self.page.as_deref() {
            None | Some("") => Ok(1),
            Some(text) => text.parse::<u32>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                AppError::BadRequest(
                    lede_core::Message::new("error-bad-page-number").text("text", text),
                )
            }),
        }
    }
}
