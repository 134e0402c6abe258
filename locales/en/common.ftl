## Shared by every page: navigation, layout, form fields
## Both languages have a file of this name with exactly the same message ids.

## Navigation and layout

nav-home = Home
nav-continue = Continue
nav-back = Back
nav-account = My account
nav-events = Security events
nav-outbox = Mail outbox
nav-logout = Log out
nav-login = Log in
nav-signup = Sign up
nav-other-language = 日本語
footer = We will never ask for your password, authenticator codes or recovery codes. Do not share them with anyone, including our staff.
verify-banner = Please confirm your email address so we can reach you about your account's security.
verify-resend = Send the confirmation email again

## Form fields

form-email = Email address
form-password = Password
form-current-password = Current password
form-new-password = New password
form-code = 6-digit code from your authenticator app
form-code-or-recovery = Code from your authenticator app, or a recovery code
password-hint = At least 10 characters. A long phrase that only you know is easy to remember and hard to guess. Do not use your email address.
