//! The one write path seen from the editor: a save the workflow refuses changes nothing at
//! all, neither the catalog (tags it named) nor the page cache.

use crate::support::site;
use crate::support::{editor_fields, post_as, signed_in_as};
use axum::http::StatusCode;
use lede_core::account::Role;
use lede_store::test_support::TestDb;
use std::collections::BTreeSet;

lede_store::on_both_databases!(a_refused_save_creates_no_tag_and_keeps_every_rendered_page);

async fn a_refused_save_creates_no_tag_and_keeps_every_rendered_page(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Jonas Berg", Role::Contributor).await;
    for path in ["/", "/articles/river-clean-up", "/tag/river"] {
        assert_eq!(site.get(path).await.status, StatusCode::OK, "{path}");
    }
    let cache = site.cache.as_deref().expect("the test site caches pages");
    let held: BTreeSet<String> = cache.keys().into_iter().collect();
    assert_eq!(held.len(), 3, "{held:?}");

    let mut fields = editor_fields(&csrf, "publish", "Choir wins prize", "Singing.");
    fields.retain(|(name, _)| *name != "tags");
    fields.push(("tags", "River, Brand new tag"));
    let refused = post_as(&site, "/admin/articles/new", &cookie, &fields).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "contributors do not publish");

    let store = site.newsroom.store();
    let tag = store.tag_by_slug("brand-new-tag").await.expect("query");
    assert!(tag.is_none(), "a refused save created the tag {tag:?}");
    let now_held: BTreeSet<String> = cache.keys().into_iter().collect();
    assert_eq!(now_held, held, "a refused save emptied the page cache");

    // The same save, submitted for review as a contributor may, creates the tag.
    let mut fields = editor_fields(&csrf, "submit", "Choir wins prize", "Singing.");
    fields.retain(|(name, _)| *name != "tags");
    fields.push(("tags", "River, Brand new tag"));
    let submitted = post_as(&site, "/admin/articles/new", &cookie, &fields).await;
    assert_eq!(submitted.status, StatusCode::SEE_OTHER);
    let tag = store.tag_by_slug("brand-new-tag").await.expect("query").expect("created");
    assert_eq!(tag.name, "Brand new tag");
}
