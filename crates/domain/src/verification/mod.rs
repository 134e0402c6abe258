//! Identity verification: a case moves draft → submitted → in review → approved, or
//! refused with one or more reasons; each resubmission is a new attempt in the same
//! case, which keeps its history. A retryable refusal can be fixed by the customer alone
//! at once; a refusal never changes the tier the account already has (capabilities come
//! from the tier, not from the case). Issue "Identity verification with no dead ends".
pub mod case;
pub mod checklist;
pub mod documents;
pub mod facts;
pub mod machine;
pub mod name_match;
pub mod reason;
