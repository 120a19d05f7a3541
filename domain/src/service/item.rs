//! What products and services share beyond their forms: deactivation, the same on both tables.

/// Takes row `$id` of `$workshop_id` in `$table` (a `$model`) out of lists and new orders, in one
/// conditional UPDATE recording `$kind` by `$actor`: an inactive row changes nothing and records
/// nothing; another workshop's id is NOT_FOUND. Evaluates to `Result<Committed<$model>, DomainError>`.
macro_rules! deactivate {
    ($conn:expr, $table:ident, $model:ty, $kind:expr, $workshop_id:expr, $actor:expr, $id:expr) => {{
        use ::diesel::{ExpressionMethods, QueryDsl};
        let (workshop_id, id, actor) = ($workshop_id, $id, $actor.clone());
        $crate::audit::Committed::run($conn, move |tx| {
            Box::pin(async move {
                let affected = $crate::run!(tx, |c| {
                    ::diesel_async::RunQueryDsl::execute(
                        ::diesel::update(
                            $table::table
                                .find(id)
                                .filter($table::workshop_id.eq(workshop_id))
                                .filter($table::active.eq(true)),
                        )
                        .set((
                            $table::active.eq(false),
                            $table::updated_at.eq(::chrono::Utc::now().naive_utc()),
                        )),
                        c,
                    )
                    .await
                })?;
                let row =
                    <$model>::find(tx, workshop_id, id).await?.ok_or($crate::error::DomainError::NotFound)?;
                let events = if affected == 1 {
                    vec![$crate::audit::NewEvent::new($kind, workshop_id, id).by(&actor)]
                } else {
                    vec![]
                };
                Ok((row, events))
            })
        })
        .await
    }};
}

pub(super) use deactivate;
