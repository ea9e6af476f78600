//! The site's header and footer menus: ordered links to sections, static pages and other
//! addresses, one menu of each per language. Pure rules; the store keeps them and the layout
//! names each link in the page's language.

use crate::content::{Lines, no_controls, optional, web_address};
use crate::{Invalid, Message, Result, Slug};

/// How many links a menu holds at most: enough for any header, few enough for a phone.
pub const MAX_ITEMS: usize = 30;

/// Which menu: the links under the site's name, or those in the footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MenuName {
    Header,
    Footer,
}

impl MenuName {
    pub const ALL: [MenuName; 2] = [MenuName::Header, MenuName::Footer];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Header => "header",
            Self::Footer => "footer",
        }
    }

    pub fn parse(text: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|m| m.as_str() == text)
            .ok_or_else(|| Invalid::new("menu", "validation-menu-unknown"))
    }
}

/// Where a menu link leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuTarget {
    Section(Slug),
    Page(Slug),
    /// An `https://` address elsewhere, or a path on this site (`/corrections`).
    Link(String),
}

impl MenuTarget {
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Section(_) => "section",
            Self::Page(_) => "page",
            Self::Link(_) => "link",
        }
    }

    /// The slug or address, as stored.
    pub fn target(&self) -> &str {
        match self {
            Self::Section(slug) | Self::Page(slug) => slug.as_str(),
            Self::Link(url) => url,
        }
    }

    /// The target of the stored `kind` and `target`.
    pub fn parse(kind: &str, target: &str) -> Result<Self> {
        match kind {
            "section" => Ok(Self::Section(Slug::parse(target)?)),
            "page" => Ok(Self::Page(Slug::parse(target)?)),
            "link" => Ok(Self::Link(link_address(target)?)),
            _ => Err(Invalid::new("kind", "validation-menu-kind")),
        }
    }
}

/// An external link's address: `https://` and a plausible host, or a path on this site. Plain
/// `http://`, `javascript:` and `//host` addresses are refused.
pub fn link_address(value: &str) -> Result<String> {
    let value = value.trim();
    if value.starts_with('/') && !value.starts_with("//") {
        no_controls("url", value, Lines::One)?;
        let plausible = value.len() <= 300
            && !value.chars().any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '\\');
        return if plausible { Ok(value.to_owned()) } else { Err(refused()) };
    }
    if !value.starts_with("https://") {
        return Err(refused());
    }
    web_address("url", value).map_err(|_| refused())
}

fn refused() -> Invalid {
    Invalid::new("url", "validation-menu-address")
}

/// One link of a menu. An empty label names a section or page as the page's language names
/// it; an external link always has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuItem {
    pub target: MenuTarget,
    pub label: String,
}

impl MenuItem {
    /// Trims and checks the label: one line of at most 60 characters, required for a link.
    pub fn check(self) -> Result<Self> {
        let label = optional("label", &self.label, 60)?;
        if label.is_empty() && matches!(self.target, MenuTarget::Link(_)) {
            return Err(Invalid::new("label", "validation-required"));
        }
        Ok(Self { label, ..self })
    }
}

/// A menu as saved: its links in order, for one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Menu {
    pub name: MenuName,
    pub language: String,
    pub items: Vec<MenuItem>,
}

impl Menu {
    /// Checks every item and the menu's length.
    pub fn check(self) -> Result<Self> {
        if self.items.len() > MAX_ITEMS {
            return Err(Invalid::new(
                "menu",
                Message::new("validation-menu-too-long").text("max", MAX_ITEMS),
            ));
        }
        let items = self.items.into_iter().map(MenuItem::check).collect::<Result<_>>()?;
        Ok(Self { items, ..self })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_lead_to_https_or_to_this_site() {
        for good in ["https://example.com/x", "/corrections", "/ur/section/news"] {
            assert_eq!(link_address(good).as_deref(), Ok(good), "{good}");
        }
        for bad in [
            "http://example.com",
            "javascript:alert(1)",
            "//evil.example/x",
            "https://nohost",
            "ftp://x.example",
            "/a b",
            "",
        ] {
            assert!(link_address(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_link_needs_a_label_a_section_does_not() {
        let link =
            MenuItem { target: MenuTarget::Link("https://x.example".into()), label: " ".into() };
        assert!(link.check().is_err());
        let section = MenuItem {
            target: MenuTarget::Section(Slug::parse("news").expect("slug")),
            label: String::new(),
        };
        assert!(section.check().is_ok());
        let many = Menu {
            name: MenuName::Header,
            language: "en".into(),
            items: vec![
                MenuItem { target: MenuTarget::Link("/x".into()), label: "X".into() };
                MAX_ITEMS + 1
            ],
        };
        assert!(many.check().is_err());
    }
}
