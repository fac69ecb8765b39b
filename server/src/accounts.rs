//! Accounts made from the command line: `create-admin` and the demo accounts of the seed.

use app::db::{account, Db};
use app::domain::account::{AddressForm, Email, Field, NewPassword, Role, ValidAddress};

pub struct DemoAccount {
    pub email: &'static str,
    pub password: &'static str,
    pub display_name: &'static str,
    pub roles: &'static [Role],
}

/// Printed by `scripts/run` and listed in the README; for local demos only.
pub const DEMO_ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        email: "shopper@jishi.test",
        password: "oolong-tea-2026",
        display_name: "林小美",
        roles: &[],
    },
    DemoAccount {
        email: "admin@jishi.test",
        password: "jishi-ops-2026",
        display_name: "Operator",
        roles: &[Role::Operator],
    },
    DemoAccount {
        email: "supplier@jishi.test",
        password: "mountain-tea-88",
        display_name: "山水茶行",
        roles: &[Role::Supplier],
    },
    DemoAccount {
        email: "porcelain@jishi.test",
        password: "blue-white-cup-6",
        display_name: "景德瓷坊",
        roles: &[Role::Supplier],
    },
    DemoAccount {
        email: "distributor@jishi.test",
        password: "share-and-earn-9",
        display_name: "Ada Chen",
        roles: &[Role::Distributor],
    },
];

#[derive(Debug, PartialEq, Eq)]
pub enum AdminOutcome {
    Created,
    Promoted,
}

/// Makes `email` an operator with every back-office permission: creates the account with
/// `password`, or promotes an existing account (whose password is left alone).
pub async fn create_admin(db: &Db, email: &str, password: &str) -> anyhow::Result<AdminOutcome> {
    let email = Email::parse(email)
        .map_err(|_| anyhow::anyhow!("{email:?} is not a valid email address"))?;
    if let Some(user_id) = account::user_id_by_email(db, email.as_str()).await? {
        app::db::staff::grant_everything(db, user_id).await?;
        return Ok(AdminOutcome::Promoted);
    }
    let password = NewPassword::parse(password, Some(&email), Field::Password).map_err(|p| {
        anyhow::anyhow!(
            "the password is too weak ({:?}): use at least 8 characters mixing letters with digits or symbols",
            p.problem
        )
    })?;
    let user_id = create(db, &email, &password, "Operator").await?;
    app::db::staff::grant_everything(db, user_id).await?;
    Ok(AdminOutcome::Created)
}

pub(crate) async fn create(
    db: &Db,
    email: &Email,
    password: &NewPassword,
    display_name: &str,
) -> anyhow::Result<i64> {
    let hash = app::auth::hash_password(password.expose().to_string())
        .await
        .map_err(|e| anyhow::anyhow!("hashing the password: {e}"))?;
    Ok(account::create_user(
        db,
        account::NewUser {
            email: email.as_str(),
            password_hash: &hash,
            display_name,
            phone: "",
            preferred_locale: "zh-Hant",
        },
    )
    .await?)
}

/// Demo licence numbers (Unified Social Credit Codes with valid check characters), one per
/// demo applicant in turn.
const DEMO_LICENCES: [&str; 3] = [
    "91330100716105852F",
    "914403001922038216",
    "9144030071526726XG",
];

/// Sends `user_id`'s application as `company` (with a drawn licence photo), the way a real
/// applicant does; returns its id, or None when there is no catalog to sell in yet.
pub(crate) async fn demo_application(
    db: &Db,
    user_id: i64,
    company: &str,
) -> anyhow::Result<Option<i64>> {
    use app::domain::supplier::ApplicationForm;
    let categories = app::db::supplier::top_categories(db, app::domain::locale::Locale::En).await?;
    if categories.is_empty() {
        return Ok(None);
    }
    let form = ApplicationForm {
        company: company.into(),
        contact: "陳山水".into(),
        phone: "13900139000".into(),
        licence_number: DEMO_LICENCES[user_id.unsigned_abs() as usize % DEMO_LICENCES.len()].into(),
        categories: categories
            .iter()
            .take(2)
            .map(|(id, _)| id.to_string())
            .collect(),
        region: "ZJ".into(),
    };
    let valid = form
        .parse()
        .map_err(|p| anyhow::anyhow!("demo application: {p:?}"))?;
    // A plain drawn "licence": a pale card with a dark border.
    let picture = image::RgbImage::from_fn(480, 320, |x, y| {
        if x < 8 || y < 8 || x >= 472 || y >= 312 {
            image::Rgb([120, 30, 30])
        } else {
            image::Rgb([250, 246, 235])
        }
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 80).encode_image(&picture)?;
    Ok(Some(
        app::db::supplier::apply(db, user_id, &valid, &jpeg).await?,
    ))
}

/// Makes `user_id` a supplier the way a real one becomes one: an application approved by the
/// demo operator.
async fn approved_supplier(db: &Db, user_id: i64, company: &str) -> anyhow::Result<()> {
    let Some(application) = demo_application(db, user_id, company).await? else {
        // No catalog to sell in yet: the role alone, as before suppliers applied.
        account::grant_role(db, user_id, Role::Supplier).await?;
        return Ok(());
    };
    let operator = account::user_id_by_email(db, "admin@jishi.test")
        .await?
        .unwrap_or(user_id);
    let actor = app::domain::audit::AuditActor {
        user_id: operator,
        email: "admin@jishi.test".into(),
    };
    app::db::supplier::approve(db, &actor, application).await?;
    Ok(())
}

/// Creates the demo accounts that do not exist yet; the shopper gets an address, a few
/// favourites and welcome points so the member center has something to show.
pub async fn seed_demo_accounts(db: &Db) -> anyhow::Result<usize> {
    let mut created = 0;
    for demo in DEMO_ACCOUNTS {
        let email = Email::parse(demo.email).expect("demo emails are valid");
        if account::user_id_by_email(db, email.as_str())
            .await?
            .is_some()
        {
            continue;
        }
        let password = NewPassword::parse(demo.password, Some(&email), Field::Password)
            .expect("demo passwords are strong enough");
        let user_id = create(db, &email, &password, demo.display_name).await?;
        for role in demo.roles {
            if *role == Role::Operator {
                // The demo operator runs the whole shop.
                app::db::staff::grant_everything(db, user_id).await?;
            } else if *role == Role::Supplier {
                approved_supplier(db, user_id, demo.display_name).await?;
            } else {
                account::grant_role(db, user_id, *role).await?;
            }
        }
        if demo.roles.is_empty() {
            let address = ValidAddress::parse(&AddressForm {
                recipient: "林小美".into(),
                phone: "13800138000".into(),
                region: "GD".into(),
                city: "深圳市".into(),
                detail: "南山區科技園科苑路 15 號 8 樓".into(),
                postal_code: "518057".into(),
            })
            .expect("the demo address is valid");
            account::add_address(db, user_id, &address).await?;
            let reason = app::domain::account::PointsReason::Welcome.to_string();
            // Enough to try redeeming at checkout (100 points = ¥1).
            account::add_points(db, user_id, 2_000, &reason).await?;
            let product_ids: Vec<i64> = sqlx::query_scalar(
                "SELECT id FROM products WHERE status = 'active' ORDER BY featured DESC, id LIMIT 3",
            )
            .fetch_all(db.pool())
            .await?;
            for product_id in product_ids {
                account::set_favourite(db, user_id, product_id, true).await?;
            }
        }
        created += 1;
    }
    Ok(created)
}
