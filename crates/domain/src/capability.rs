//! What an account may do (log in, deposit, trade, withdraw, limits) given its tier and
//! holds (issue "Identity verification with no dead ends"). Empty until that issue lands.
