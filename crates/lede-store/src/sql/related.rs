//! The published articles the related-article scorer reads: the whole archive for an import
//! (scored once, however many it brings), and for a publish only those near the new article
//! in time or sharing a tag with it, so a publish costs the same however large the archive.

use super::rows::from_unix;
use crate::Result;
use lede_core::content::*;
use lede_core::related::{self, Candidate, NEAREST_CANDIDATES, TAG_CANDIDATES};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use std::collections::{BTreeMap, HashMap};

/// The columns a candidate is built from, of an article `a`.
const COLUMNS: &str = "a.id, a.section_id, a.published_at, a.signature";

/// What readers see of an article `a`: related lists only ever offer these.
const PUBLIC: &str = "a.status = 'published' AND a.partner_only = 0";

/// How many ids one statement names, well under both databases' limits on bound values.
const IDS_PER_STATEMENT: usize = 500;

/// Every published public article as the related-article scorer needs it.
pub(super) async fn all_candidates(conn: &mut AnyConnection) -> Result<Vec<Candidate>> {
    let rows =
        sqlx::query(&format!("SELECT {COLUMNS} FROM articles a WHERE {PUBLIC} ORDER BY a.id"))
            .fetch_all(&mut *conn)
            .await?;
    let tag_rows = sqlx::query(&format!(
        "SELECT at.article_id, at.tag_id FROM article_tags at \
         JOIN articles a ON a.id = at.article_id WHERE {PUBLIC}"
    ))
    .fetch_all(&mut *conn)
    .await?;
    let mut tags: HashMap<i64, Vec<TagId>> = HashMap::new();
    for row in &tag_rows {
        tags.entry(row.try_get("article_id")?).or_default().push(TagId(row.try_get("tag_id")?));
    }
    rows.iter()
        .map(|row| candidate(row, tags.remove(&row.try_get("id")?).unwrap_or_default()))
        .collect()
}

/// The published public articles scoring `targets` needs (themselves included): for each,
/// the [`NEAREST_CANDIDATES`] published nearest before and after it in time, and the
/// [`TAG_CANDIDATES`] nearest on each side among those sharing each of its tags. Scoring a
/// target against these gives the list the whole archive would on a site of up to
/// [`NEAREST_CANDIDATES`] articles, and on a larger one a list of stories from its own time
/// (see [`lede_core::related::NEAREST_CANDIDATES`]); either way a few thousand rows are read.
pub(super) async fn candidates_near(
    conn: &mut AnyConnection,
    targets: &[ArticleId],
) -> Result<Vec<Candidate>> {
    let mut found: BTreeMap<i64, AnyRow> = BTreeMap::new();
    for target in targets {
        let at: Option<i64> = sqlx::query_scalar("SELECT published_at FROM articles WHERE id = $1")
            .bind(target.0)
            .fetch_optional(&mut *conn)
            .await?
            .flatten();
        let Some(at) = at else { continue };
        let tags: Vec<i64> =
            sqlx::query_scalar("SELECT tag_id FROM article_tags WHERE article_id = $1")
                .bind(target.0)
                .fetch_all(&mut *conn)
                .await?;
        // Ties in time come on both sides; the map keeps each article once.
        for (side, order) in [("<=", "DESC"), (">=", "ASC")] {
            let nearest = sqlx::query(&format!(
                "SELECT {COLUMNS} FROM articles a WHERE {PUBLIC} AND a.published_at {side} $1 \
                 ORDER BY a.published_at {order} LIMIT $2"
            ))
            .bind(at)
            .bind(NEAREST_CANDIDATES as i64)
            .fetch_all(&mut *conn)
            .await?;
            keep(&mut found, nearest)?;
            for tag in &tags {
                let tagged = sqlx::query(&format!(
                    "SELECT {COLUMNS} FROM article_tags x JOIN articles a ON a.id = x.article_id \
                     WHERE x.tag_id = $1 AND {PUBLIC} AND a.published_at {side} $2 \
                     ORDER BY a.published_at {order} LIMIT $3"
                ))
                .bind(*tag)
                .bind(at)
                .bind(TAG_CANDIDATES as i64)
                .fetch_all(&mut *conn)
                .await?;
                keep(&mut found, tagged)?;
            }
        }
    }
    let ids: Vec<i64> = found.keys().copied().collect();
    let mut tags: HashMap<i64, Vec<TagId>> = HashMap::new();
    for chunk in ids.chunks(IDS_PER_STATEMENT) {
        let list = (1..=chunk.len()).map(|n| format!("${n}")).collect::<Vec<_>>().join(", ");
        let sql =
            format!("SELECT article_id, tag_id FROM article_tags WHERE article_id IN ({list})");
        let mut query = sqlx::query(&sql);
        for id in chunk {
            query = query.bind(*id);
        }
        for row in query.fetch_all(&mut *conn).await? {
            tags.entry(row.try_get("article_id")?).or_default().push(TagId(row.try_get("tag_id")?));
        }
    }
    // In the order of their ids, as the whole archive is read.
    found
        .values()
        .map(|row| candidate(row, tags.remove(&row.try_get("id")?).unwrap_or_default()))
        .collect()
}

/// Adds rows to the articles found, each once.
fn keep(found: &mut BTreeMap<i64, AnyRow>, rows: Vec<AnyRow>) -> Result<()> {
    for row in rows {
        found.entry(row.try_get("id")?).or_insert(row);
    }
    Ok(())
}

fn candidate(row: &AnyRow, tags: Vec<TagId>) -> Result<Candidate> {
    Ok(Candidate {
        id: ArticleId(row.try_get("id")?),
        section: SectionId(row.try_get("section_id")?),
        tags,
        published_at: from_unix(row.try_get::<Option<i64>, _>("published_at")?.unwrap_or(0)),
        signature: related::decode(&row.try_get::<String, _>("signature")?),
    })
}
