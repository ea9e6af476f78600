//! Rate limits kept in the database: every server on it spends from the same allowance, and
//! the allowance fills again with the site's clock.

use lede_store::Allowance;
use lede_store::test_support::TestDb;
use std::net::IpAddr;
use std::time::Duration;

lede_store::on_both_databases!(
    servers_on_one_database_share_each_clients_allowance,
    an_allowance_fills_again_one_period_at_a_time,
);

const THREE_A_MINUTE: Allowance = Allowance { burst: 3, period: Duration::from_secs(60) };

fn ip(text: &str) -> IpAddr {
    text.parse().expect("address")
}

async fn servers_on_one_database_share_each_clients_allowance(db: &TestDb) {
    // Two newsrooms over one database, as two servers are.
    let (a, b) = (db.newsroom().await, db.newsroom().await);
    let reader = ip("203.0.113.9");
    let mut taken = Vec::new();
    for newsroom in [&a, &b, &a, &b] {
        taken.push(newsroom.take_allowance("comments", reader, THREE_A_MINUTE).await.expect("db"));
    }
    assert_eq!(taken, [true, true, true, false], "three in all, not three each");
    // Another client, another kind: allowances of their own.
    assert!(b.take_allowance("comments", ip("203.0.113.10"), THREE_A_MINUTE).await.expect("db"));
    assert!(a.take_allowance("sign-in", reader, THREE_A_MINUTE).await.expect("db"));
    // One household's IPv6 /64 is one client.
    let v6 = THREE_A_MINUTE;
    for host in ["2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2::3"] {
        assert!(a.take_allowance("comments", ip(host), v6).await.expect("db"));
    }
    assert!(!b.take_allowance("comments", ip("2001:db8:1:2::4"), v6).await.expect("db"));
}

async fn an_allowance_fills_again_one_period_at_a_time(db: &TestDb) {
    let newsroom = db.newsroom().await;
    let reader = ip("198.51.100.7");
    let take = || newsroom.take_allowance("comments", reader, THREE_A_MINUTE);
    for _ in 0..3 {
        assert!(take().await.expect("db"));
    }
    assert!(!take().await.expect("db"), "spent");
    db.clock.advance(time::Duration::seconds(59));
    assert!(!take().await.expect("db"), "not yet");
    db.clock.advance(time::Duration::seconds(1));
    assert!(take().await.expect("db"), "one more after a period");
    assert!(!take().await.expect("db"), "and only one");
    // Whole again after three periods; the row is forgotten then, and nothing changes.
    db.clock.advance(time::Duration::minutes(3));
    assert!(newsroom.forget_whole_allowances().await.expect("db") >= 1);
    for _ in 0..3 {
        assert!(take().await.expect("db"));
    }
    assert!(!take().await.expect("db"));
}
