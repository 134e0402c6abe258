//! The help desk's rules (issue "Help center and support desk"): request forms and
//! their answers, the ticket's status machine, SLA clocks. Empty until that issue lands;
//! its rules go here, not in the server.
