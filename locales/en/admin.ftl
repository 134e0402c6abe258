## Operator pages
## Both languages have a file of this name with exactly the same message ids.

## Mail outbox (staff)

outbox-title = Mail outbox
outbox-empty = No mails have been sent yet.
outbox-when = Sent
outbox-to = To
outbox-subject = Subject
outbox-to-line = To: { $to }
