//! Validated values: each type can only hold a value that passed its rules.

pub mod credit_code;
pub mod id_card;
pub mod person_name;
pub mod phone;

pub use credit_code::CreditCode;
pub use id_card::IdCardNumber;
pub use person_name::PersonName;
pub use phone::Mobile;
