//! The demo workshop's catalog: common parts (a few low on stock) and the labour a Brazilian
//! workshop sells most, with realistic prices.

use super::orders::CatalogIds;
use crate::DomainError;
use crate::audit::Actor;
use crate::db::Conn;
use crate::service::{Product, ProductInput, Service, ServiceInput, Unit};

/// A part: reference, name, unit, price in centavos, stock, minimum stock, warranty in days.
type Part = (&'static str, &'static str, Unit, i64, f64, f64, Option<i32>);
/// Labour: reference, name, price in centavos, estimated minutes, warranty in days and in km.
type Labour = (&'static str, &'static str, i64, i32, Option<i32>, Option<i32>);

const PARTS: [Part; 15] = [
    ("FLT-OLEO-01", "Filtro de óleo", Unit::Un, 4590, 24.0, 5.0, Some(90)),
    ("FLT-AR-01", "Filtro de ar do motor", Unit::Un, 5890, 12.0, 4.0, Some(90)),
    ("FLT-COMB-01", "Filtro de combustível", Unit::Un, 6290, 3.0, 4.0, Some(90)),
    ("FLT-CAB-01", "Filtro de ar-condicionado (cabine)", Unit::Un, 4990, 8.0, 3.0, Some(90)),
    ("OLEO-5W30", "Óleo de motor 5W30 sintético", Unit::L, 5490, 48.5, 20.0, Some(90)),
    ("OLEO-15W40", "Óleo de motor 15W40 mineral", Unit::L, 3290, 12.0, 15.0, Some(90)),
    ("PAST-DIANT", "Pastilha de freio dianteira", Unit::Jg, 18990, 6.0, 2.0, Some(180)),
    ("DISCO-DIANT", "Disco de freio dianteiro", Unit::Pc, 24900, 4.0, 2.0, Some(180)),
    ("FLUIDO-DOT4", "Fluido de freio DOT 4", Unit::L, 4490, 5.5, 2.0, Some(90)),
    ("VELA-IGN", "Vela de ignição", Unit::Pc, 3890, 16.0, 8.0, Some(90)),
    ("CORREIA-DENT", "Kit correia dentada com tensor", Unit::Kit, 38900, 1.0, 2.0, Some(365)),
    ("AMORT-DIANT", "Amortecedor dianteiro", Unit::Pc, 42900, 4.0, 2.0, Some(365)),
    ("BATERIA-60", "Bateria 60Ah", Unit::Un, 54900, 3.0, 1.0, Some(365)),
    ("LAMP-H4", "Lâmpada farol H4", Unit::Pc, 2890, 10.0, 4.0, Some(30)),
    ("ADITIVO-RAD", "Aditivo de radiador concentrado", Unit::L, 3590, 7.0, 3.0, Some(90)),
];

const LABOUR: [Labour; 8] = [
    ("MO-TROCA-OLEO", "Troca de óleo e filtro", 6000, 30, Some(90), Some(5_000)),
    ("MO-ALINH-BAL", "Alinhamento e balanceamento", 12000, 60, Some(30), Some(1_000)),
    ("MO-REVISAO", "Revisão preventiva completa", 35000, 180, Some(90), Some(10_000)),
    ("MO-FREIO-DIANT", "Troca de pastilhas de freio dianteiras", 9000, 60, Some(180), Some(10_000)),
    ("MO-CORREIA", "Troca de correia dentada", 28000, 180, Some(365), Some(50_000)),
    ("MO-SUSPENSAO", "Troca de amortecedores (par)", 22000, 150, Some(365), Some(20_000)),
    ("MO-DIAG", "Diagnóstico com scanner", 15000, 45, None, None),
    ("MO-AR-COND", "Higienização do ar-condicionado", 12000, 40, Some(30), None),
];

/// When the car should come back after this labour: (days, km).
fn revision(reference: &str) -> Option<(i32, i32)> {
    match reference {
        "MO-TROCA-OLEO" => Some((180, 10_000)),
        "MO-REVISAO" => Some((365, 10_000)),
        "MO-CORREIA" => Some((1460, 60_000)),
        _ => None,
    }
}

/// Adds the demo parts and labour to `workshop_id`'s catalog; returns their ids by reference.
pub(super) async fn seed(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    actor: &Actor,
) -> Result<CatalogIds, DomainError> {
    let mut ids = CatalogIds::new();
    for (reference, name, unit, price_cents, stock, minimum, warranty_days) in PARTS {
        let input = ProductInput {
            reference: reference.into(),
            name: name.into(),
            unit,
            price_cents,
            stock_quantity: stock,
            minimum_stock: minimum,
            warranty_days,
            warranty_km: None,
        };
        ids.insert(reference, Product::create(conn, workshop_id, actor, input).await?.value.id);
    }
    for (reference, name, price_cents, minutes, warranty_days, warranty_km) in LABOUR {
        let input = ServiceInput {
            reference: reference.into(),
            name: name.into(),
            price_cents,
            estimated_minutes: Some(minutes),
            warranty_days,
            warranty_km,
            revision_days: revision(reference).map(|(days, _)| days),
            revision_km: revision(reference).map(|(_, km)| km),
        };
        ids.insert(reference, Service::create(conn, workshop_id, actor, input).await?.value.id);
    }
    Ok(ids)
}
