## Accounts: sign-up, e-mail confirmation, passwords, the account page, security events
## Both languages have a file of this name with exactly the same message ids.

## Landing page

landing-title = Protect your account
landing-intro = Sign up or log in to manage your password, two-factor authentication and recovery codes.

## Sign up

signup-title = Create your account
signup-intro = Enter your email address and choose a password. We will send you an email to confirm your address.
signup-submit = Create account
signup-have-account = Already have an account? Log in
signup-done-title = Check your email
signup-done-body = We have sent an email to the address you entered. Open the link in it to continue. If nothing arrives within a few minutes, check your spam folder.

## Email confirmation

verify-title = Confirm your email address
verify-intro = Press the button below to confirm that this email address belongs to you.
verify-submit = Confirm email address
verify-done-title = Email address confirmed
verify-done-body = Thank you. Your email address is confirmed, and we will use it to tell you about important changes to your account.
verify-sent-title = Confirmation email sent
verify-sent-body = We have sent a new confirmation email. Open the link in it to confirm your address. Earlier links no longer work.

## Password reset

forgot-title = Reset your password
forgot-intro = Enter the email address of your account. We will send you a link to choose a new password.
forgot-submit = Send reset link
forgot-sent-title = Check your email
forgot-sent-body = If an account exists for this address, we have sent it a link to reset the password. The link can be used once and expires soon. If nothing arrives, check your spam folder.
reset-title = Choose a new password
reset-submit = Save new password
reset-done-title = Password changed
reset-done-body = Your new password is saved and all sessions have been logged out. Log in with your new password. If two-factor authentication is on, you will still need your authenticator app or a recovery code.

## Password change

pwchange-title = Change your password
pwchange-submit = Change password
pwchange-done-title = Password changed
pwchange-done-body = Your password has been changed. You have been logged out everywhere else; this session stays logged in.

## Account page

account-title = My account
account-2fa = Two-factor authentication
account-2fa-on = Two-factor authentication is on. Logging in needs your password and a code from your authenticator app.
account-2fa-off = Two-factor authentication is off. Anyone who learns your password can log in. Turn it on now.
account-codes-remaining = Recovery codes left: { $remaining }
account-codes-low = You have only { $remaining } recovery codes left. Create new ones now so you can still log in if you lose your phone.
account-after-recovery-login = You logged in with a recovery code. If you no longer have your phone, set up your authenticator app on a new one now with "Move to a new phone" below: it also gives you a fresh set of recovery codes.
account-move = Move to a new phone
account-regenerate = Create new recovery codes
account-disable = Turn off two-factor authentication
account-enroll = Turn on two-factor authentication
account-password = Password
account-change-password = Change password
account-sessions = Active sessions
account-logout-everywhere = Log out everywhere, this session included
account-recent-events = Recent security events
account-all-events = See all security events

## Security events

events-title = Security events
events-intro = Important activity on your account. If you see something you do not recognize, change your password and contact support.
events-when = When
events-what = What happened
events-from = IP address

## Security event descriptions

event-sign_up = Account created
event-email_verified = Email address confirmed
event-login_password = Password accepted at login
event-login_password_failed = Failed login: wrong password
event-login_second_factor = Logged in with two-factor authentication
event-login_second_factor_failed = Failed login: wrong authenticator code
event-confirmation_code_failed = Wrong code when confirming a change to two-factor authentication (not a login)
event-logout = Logged out
event-logout_everywhere = Logged out everywhere
event-session_ended = One session logged out from the account page
event-totp_enrolled = Two-factor authentication turned on
event-totp_moved = Authenticator app moved to a new phone
event-totp_removed = Two-factor authentication turned off
event-recovery_code_used = Recovery code used
event-recovery_codes_regenerated = New recovery codes created
event-locked = Locked after too many failed attempts
event-password_changed = Password changed
event-password_reset_requested = Password reset requested
event-password_reset = Password reset with an email link
event-language_changed = Language changed
event-time_zone_changed = Time zone changed
event-account_created_by_operator = Account created by our staff
event-api_token_issued = API access token issued

## Time zones a customer may choose

account-time-zone = Time zone
account-time-zone-label = Times on these pages and in our mails are shown in
account-time-zone-default = The one of my language
account-time-zone-save = Save
tz-Asia-Tokyo = Japan (Tokyo)
tz-UTC = UTC
tz-Asia-Seoul = Korea (Seoul)
tz-Asia-Shanghai = China (Shanghai)
tz-Asia-Singapore = Singapore
tz-Asia-Kolkata = India (Kolkata)
tz-Australia-Sydney = Australia (Sydney)
tz-Europe-London = United Kingdom (London)
tz-Europe-Paris = Central Europe (Paris)
tz-America-New_York = US Eastern (New York)
tz-America-Chicago = US Central (Chicago)
tz-America-Los_Angeles = US Pacific (Los Angeles)

## What the account may do now (its tier and holds)

account-capabilities = What you can do now
capability-log_in = Log in
capability-deposit = Deposit
capability-trade = Trade
capability-withdraw = Withdraw
capability-allowed = yes.
capability-allowed-limit = yes, up to ¥{ $amount } a day.
capability-needs-tier = not yet: it needs { $tier } verification.
account-verification-link = Identity verification: your level, what is accepted, and the documents to send
capability-in-review = Your verification is being reviewed.
capability-held-until = on hold until { $until }, to protect your account.
capability-held = on hold, to protect your account: see your requests or contact support.
