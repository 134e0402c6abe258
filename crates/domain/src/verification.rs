//! Identity verification tiers and cases (issue "Identity verification with no dead
//! ends"): tiers, document rules per country, refusal reasons. Empty until that issue
//! lands.
