## Sessions: log in, the list of sessions
## Both languages have a file of this name with exactly the same message ids.

## Log in

login-title = Log in
login-submit = Log in
login-forgot = Forgot your password?
login-no-account = No account yet? Sign up
login2fa-title = Two-factor authentication
login2fa-intro = Open your authenticator app and enter the 6-digit code shown for this account.
login2fa-submit = Verify
login2fa-lost = Lost or changed your phone? Enter one of your recovery codes instead.

## Sessions

sessions-started = Started
sessions-from = IP address
sessions-device = Device
device-browser-on-os = { $browser } on { $os }
device-unknown = Unknown device
sessions-this = this session
sessions-end = Log out this session
