//! The demo's LGPD data: consent changes on Carlos (in the portal and at the counter) and on two
//! other customers, and a few access-log rows (whole CPFs seen, a list exported, a data export on
//! request), so the 360 page's "Consentimentos" and "Acessos aos dados" show something.

use chrono::{Duration, Utc};

use super::chat::DemoStaff;
use super::orders::DemoCar;
use crate::DomainError;
use crate::audit::Actor;
use crate::crm::{ConsentChannel, ConsentSource, Customer};
use crate::db::Conn;
use crate::privacy::{AccessAction, AccessEntry, NewAccess};

/// Seeds the consent changes and access rows of `workshop_id`.
pub(super) async fn seed(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    admin: &Actor,
    operator: &DemoStaff,
    carlos: &(Actor, i64),
    cars: &[DemoCar],
) -> Result<(), DomainError> {
    let (carlos_actor, carlos_id) = carlos;
    let changes = [
        (Some(carlos_actor), *carlos_id, ConsentChannel::Whatsapp, true, ConsentSource::Portal),
        (Some(&operator.actor), *carlos_id, ConsentChannel::Sms, true, ConsentSource::Staff),
        (Some(carlos_actor), *carlos_id, ConsentChannel::Sms, false, ConsentSource::Portal),
    ];
    for (actor, customer_id, channel, granted, source) in changes {
        Customer::set_consent(conn, workshop_id, actor, customer_id, channel, granted, source).await?;
    }
    let others: Vec<i64> =
        cars.iter().map(|car| car.customer_id).filter(|id| id != carlos_id).take(2).collect();
    for customer_id in &others {
        let (channel, source) = (ConsentChannel::Whatsapp, ConsentSource::Staff);
        Customer::set_consent(conn, workshop_id, Some(admin), *customer_id, channel, true, source).await?;
    }
    let now = Utc::now().naive_utc();
    let row = |customer_id: i64, actor: &Actor, action: AccessAction, days_ago: i64| NewAccess {
        workshop_id,
        customer_id,
        actor_user_id: actor.user_id,
        action,
        at: now - Duration::days(days_ago),
    };
    let mut rows = vec![
        row(*carlos_id, &operator.actor, AccessAction::ExportedList, 12),
        row(*carlos_id, admin, AccessAction::ViewedDocument, 5),
        row(*carlos_id, admin, AccessAction::ExportedData, 2),
        row(*carlos_id, &operator.actor, AccessAction::ViewedDocument, 1),
    ];
    rows.extend(others.iter().map(|id| row(*id, &operator.actor, AccessAction::ExportedList, 12)));
    AccessEntry::record(conn, &rows).await?;
    Ok(())
}
