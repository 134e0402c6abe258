## keydesk — English messages.
## Both locale files must contain exactly the same message ids.
## Variables are plain text; unicode isolation is turned off.

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

## Landing page

landing-title = Protect your account
landing-intro = Sign up or log in to manage your password, two-factor authentication and recovery codes.

## Form fields

form-email = Email address
form-password = Password
form-current-password = Current password
form-new-password = New password
form-code = 6-digit code from your authenticator app
form-code-or-recovery = Code from your authenticator app, or a recovery code
password-hint = At least 10 characters. A long phrase that only you know is easy to remember and hard to guess. Do not use your email address.

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

## Log in

login-title = Log in
login-submit = Log in
login-forgot = Forgot your password?
login-no-account = No account yet? Sign up
login2fa-title = Two-factor authentication
login2fa-intro = Open your authenticator app and enter the 6-digit code shown for this account.
login2fa-submit = Verify
login2fa-lost = Lost or changed your phone? Enter one of your recovery codes instead. If you have no recovery codes left, please contact support.

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

## Sessions

sessions-started = Started
sessions-from = IP address
sessions-device = Device
device-browser-on-os = { $browser } on { $os }
device-unknown = Unknown device
sessions-this = this session
sessions-end = Log out this session

## Authenticator enrollment

enroll-title = Turn on two-factor authentication
enroll-intro = Two-factor authentication protects your account even if someone learns your password. It takes about two minutes.
enroll-step-app = Install an authenticator app on your phone, for example Google Authenticator, Microsoft Authenticator or 1Password.
enroll-step-scan = In the app, add an account and scan this QR code.
enroll-qr-alt = QR code for adding your account to an authenticator app
enroll-manual = Cannot scan the code? Enter this secret key in the app instead:
enroll-backup-warning = Write this key down or save it somewhere safe. If you lose your phone, it is the only way to set up your authenticator again without contacting support.
enroll-step-code = Enter the 6-digit code now shown in the app
enroll-submit = Turn on
enroll-restart = Start over with a new key
move-title = Move to a new phone
move-intro = Set up your authenticator app on your new phone. Your current app keeps working until you confirm the move.
move-old-code = Code from your current authenticator app, or a recovery code

## Recovery codes

codes-title = Your recovery codes
codes-moved = Your authenticator app has been moved. Codes from the old phone no longer work, and your previous recovery codes have been replaced by the ones below.
codes-intro = If you lose your phone, you can log in with one of these codes. Each code works only once.
codes-download = Download as a text file
codes-warning = Save these codes now, away from your phone: print them or keep them in a password manager. This is the only time they are shown. Without them, regaining access after losing your phone requires contacting support.
codes-continue = I have saved my codes
codes-file-header = Recovery codes for your account. Each code works only once. Keep this file somewhere safe, away from your phone, and never share it.
regen-title = Create new recovery codes
regen-intro = Enter a code from your authenticator app. You will get 10 new recovery codes, and all your current recovery codes will stop working.
regen-submit = Create new codes

## Turning two-factor authentication off

disable-title = Turn off two-factor authentication
disable-intro = Without two-factor authentication, anyone who learns your password can log in. If you are changing phones, use "Move to a new phone" instead. To confirm, enter a code from your authenticator app or a recovery code.
disable-submit = Turn off

## Security events

events-title = Security events
events-intro = Important activity on your account. If you see something you do not recognize, change your password and contact support.
events-when = When
events-what = What happened
events-from = IP address

## Mail outbox (staff)

outbox-title = Mail outbox
outbox-empty = No mails have been sent yet.
outbox-when = Sent
outbox-to = To
outbox-subject = Subject

## Errors

error-title = Something went wrong
error-email_empty = Please enter your email address.
error-email_too_long = This email address is too long. Please check it and try again.
error-email_invalid = This does not look like a valid email address. Please check it, for example name@example.com.
error-password_too_short = Your password must have at least 10 characters. A short phrase is easy to remember.
error-password_too_long = This password is too long. Please choose a shorter one.
error-password_common = This password is too common and easy to guess. Please choose another one.
error-password_is_email = Your password must not be your email address. Please choose another one.
error-code_malformed = Please enter the 6-digit code shown in your authenticator app.
error-code_invalid = This code is not correct. Enter the code currently shown in your authenticator app, and check that your phone's clock is set automatically.
error-code_replayed = This code was already used. Wait for the next code in your authenticator app (it changes every 30 seconds).
error-secret_weak = This secret key cannot be used. Please start the setup again to get a new key.
error-recovery_code_invalid = This recovery code is not valid or was already used. Check it for typos, or try another one of your codes.
error-credentials_invalid = The email address or password is incorrect. Please try again, or reset your password.
error-current_password_wrong = Your current password is incorrect. Please try again.
error-throttled = Too many attempts. Please wait { $seconds } seconds and try again.
error-locked = Too many failed attempts. For your security, this is locked for { $minutes } minutes. We have sent you an email.
error-token_invalid = This link is not valid. Please use the most recent email we sent you, or request a new link.
error-token_expired = This link has expired. Please request a new one.
error-token_used = This link has already been used. If you still need to, request a new one.
error-csrf_failed = This form has expired for security reasons. Please reload the page and try again.
error-unauthenticated = Please log in to continue.
error-second_factor_required = Please enter the code from your authenticator app to finish logging in.
error-enrollment_required = Please turn on two-factor authentication to continue.
error-forbidden = You do not have permission to do this.
error-not_found = We could not find this page. Please check the address.
error-no_pending_enrollment = This setup has expired or was cancelled. Please start again.
error-factor_already_active = Two-factor authentication is already on. To use a new phone, choose "Move to a new phone" on your account page.
error-no_factor = Two-factor authentication is not on for this account.
error-proof_required = Please enter a code from your current authenticator app, or a recovery code, to confirm the move.
error-disable_not_allowed = Two-factor authentication is required for this account and cannot be turned off. To change phones, use "Move to a new phone".
error-bad_request = The request could not be processed. Please reload the page and try again.
error-conflict = This was changed at the same time somewhere else. Please reload the page and try again.
error-internal = Something went wrong on our side. Please try again in a few minutes. If it keeps happening, contact support.

## Security event descriptions

event-sign_up = Account created
event-email_verified = Email address confirmed
event-login_password = Password accepted at login
event-login_password_failed = Failed login: wrong password
event-login_second_factor = Logged in with two-factor authentication
event-login_second_factor_failed = Failed login: wrong authenticator code
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
event-account_created_by_operator = Account created by our staff
event-api_token_issued = API access token issued

## Mails: common parts

mail-greeting = Hello,
mail-footer = This is an automatic message from { $issuer }. Please do not reply to it. If you need help, contact our support team.

## Mail: confirm the email address

mail-verify-subject = Confirm your email address for { $issuer }
mail-verify-body =
    Thank you for signing up for { $issuer }. Please confirm that this email address belongs to you with the button below.

    The link can be used once and expires soon. If you did not sign up, you can ignore this email.
mail-verify-action = Confirm email address

## Mail: sign-up with an address that already has an account

mail-signup-existing-subject = Someone tried to sign up with your email address
mail-signup-existing-body =
    Someone tried to create a new { $issuer } account with this email address. You already have an account, so no new account was created and nothing was changed.

    If it was you: log in with your existing account. If you have forgotten your password, you can choose a new one with the button below.

    If it was not you, you do not need to do anything. If you are worried, set a new password with "Forgot your password?" on the login page and contact support.
mail-signup-existing-action = Reset my password

## Mail: password reset link

mail-password-reset-subject = Reset your { $issuer } password
mail-password-reset-body =
    We received a request to reset the password of your { $issuer } account. Choose a new password with the button below. The link can be used once and expires soon.

    Two-factor authentication stays on: after the reset, you will still need your authenticator app or a recovery code to log in.

    If you did not ask for this, ignore this email; your password stays unchanged. If you keep receiving these emails, please contact support.
mail-password-reset-action = Choose a new password

## Mail: password changed

mail-password-changed-subject = Your { $issuer } password was changed
mail-password-changed-body =
    The password of your { $issuer } account was just changed (IP address: { $ip }). Other sessions have been logged out.

    If you made this change, you do not need to do anything.

    If you did not, someone may have access to your account. Set a new password right away with "Forgot your password?" on the login page, and contact support immediately.

## Mail: two-factor authentication turned on

mail-factor-added-subject = Two-factor authentication is now on for { $issuer }
mail-factor-added-body =
    Two-factor authentication was turned on for your { $issuer } account. From now on, you will need a code from your authenticator app when you log in.

    Keep your recovery codes and secret key somewhere safe, away from your phone. If you lose or change your phone, they let you log in and set up your app again without contacting support.

    If you did not do this, set a new password right away with "Forgot your password?" on the login page, and contact support.

## Mail: authenticator moved to a new phone

mail-factor-moved-subject = Your authenticator app was moved to a new phone
mail-factor-moved-body =
    The authenticator app for your { $issuer } account was set up on a new phone. Codes from the old phone no longer work, and new recovery codes were created; the previous ones no longer work.

    Please make sure you have saved the new recovery codes somewhere safe.

    If you did not do this, someone may have access to your account. Set a new password right away with "Forgot your password?" on the login page, and contact support immediately.

## Mail: two-factor authentication turned off

mail-factor-removed-subject = Two-factor authentication was turned off for { $issuer }
mail-factor-removed-body =
    Two-factor authentication was turned off for your { $issuer } account. Your account is now protected by your password only. We strongly recommend turning it back on from your account page.

    If you did not do this, someone may have access to your account. Set a new password right away with "Forgot your password?" on the login page, and contact support immediately.

## Mail: a recovery code was used

mail-recovery-used-subject = A recovery code was used to log in to { $issuer }
mail-recovery-used-body =
    A recovery code was just used to log in to your { $issuer } account. Each code works only once; you have { $remaining } recovery codes left.

    If you lost or changed your phone, set up your authenticator app again from your account page ("Move to a new phone"), and create new recovery codes.

    If this was not you, someone has your password and a recovery code. Set a new password right away with "Forgot your password?" on the login page, and contact support immediately.

## Mail: new recovery codes

mail-recovery-regenerated-subject = New recovery codes were created for { $issuer }
mail-recovery-regenerated-body =
    New recovery codes were created for your { $issuer } account. The previous codes no longer work. Please make sure you have saved the new ones somewhere safe.

    If you did not do this, someone may have access to your account. Set a new password right away with "Forgot your password?" on the login page, and contact support immediately.

## Mail: locked after failed attempts

mail-locked-subject = Your { $issuer } login was locked for your security
mail-locked-body =
    There were too many failed attempts to log in to your { $issuer } account, the last one from IP address { $ip }. For your security, logging in is locked for { $minutes } minutes.

    If this was you, please wait and try again. If you have forgotten your password, use "Forgot your password?" on the login page.

    If this was not you, someone may be trying to guess your password. Set a new password with "Forgot your password?" on the login page, and contact support if this happens again.

## Identity photos: check before you send
account-photos = Identity photos
account-photo-check = Check a photo before you send it
photo-title = Check your photo before you send it
photo-intro = Choose or take a photo: we check it at once and tell you what to fix, so support does not have to send it back.
photo-memo-intro = For an ID selfie, hold your original identity document (not a copy) next to your face, with a handwritten note that shows:
photo-memo-request = what you ask for:
photo-memo-name = your full name, as on your identity document
photo-memo-date = today's date:
photo-kind = What the photo shows
photo-kind-selfie = ID selfie (face, document and note)
photo-kind-document-front = Front of the identity document
photo-kind-document-back = Back of the identity document
photo-kind-address-side = Side of the document with your current address
photo-name = Your full name (as on the document)
photo-file = Photo
photo-preview-alt = The photo you chose
photo-checking = Checking your photo…
photo-ok = Looks good. You can send this photo.
photo-warn = You can send this photo. Support will look at the points below.
photo-blocked = Please fix the points below and take the photo again.
photo-blocked-anyway = The points below still look wrong. Fix them if you can; if you are sure the photo is right, you may send it anyway and support will check it.
photo-failed = The photo could not be checked. Check your connection and try again.
photo-choose-again = To send it, choose the photo again: a page cannot keep a file you chose.
photo-send-anyway = Send it anyway: support will check it by hand
photo-send = Send this photo
photo-sent = Your photo was sent.
photo-sent-title = Photos you sent
photo-none-sent = You have not sent any photo yet.
photo-sent-with-problems = sent with open points

## What to fix in a photo (one message per reason the checks give)
photo-reason-exif_mirror_flag = Your camera saved this picture mirrored. Turn off the mirror setting of your front camera and take it again.
photo-reason-blurry = The picture is blurred. Hold the phone still, tap the screen to focus and take it again in good light.
photo-reason-document_blurry = The document is blurred. Tap on the document to focus and take the photo again.
photo-reason-glare_over_text = A reflection makes part of the document unreadable. Tilt the document slightly or move away from the lamp or window.
photo-reason-glare_minor = There is a small reflection. If the text stays readable, this is fine.
photo-reason-too_dark = The picture is too dark. Take it in a brighter place.
photo-reason-too_bright = The picture is too bright. Avoid direct light and the flash.
photo-reason-document_not_found = We could not find the document in the picture. Show the whole document, flat and fully visible.
photo-reason-document_cut_off = Part of the document is outside the picture. Show all four corners of the document.
photo-reason-document_too_small = The document is small in the picture. Hold it closer to the camera.
photo-reason-no_face = We could not find your face. Your face must be fully visible, without a hat or mask.
photo-reason-several_faces = More than one person is in the picture. Only you may be in the photo.
photo-reason-face_too_small = Your face is small in the picture. Hold the camera closer.
photo-reason-face_not_frontal = Look straight into the camera.
photo-reason-no_document_portrait = We could not see the portrait on your document. Make sure the photo on the document is visible.
photo-reason-mirrored_text = The picture is mirrored: the text on the document reads backwards. Turn off the mirror setting of your front camera, or use the back camera.
photo-reason-mirror_undetermined = We could not read the document well enough to check it. Support will look at it.
photo-reason-mrz_check_digits = The machine-readable lines of the passport could not be verified. Make sure they are sharp and fully visible.
photo-reason-mrz_unreadable = We could not read the machine-readable lines at the bottom of the passport. Make sure they are sharp and fully visible.
photo-reason-memo_not_found = We could not find the handwritten note. Hold it next to your face, fully visible.
photo-reason-memo_wrong_request = The note does not show the request. Write it exactly as shown above.
photo-reason-memo_wrong_name = The name on the note does not match your name. Write your full name as on your document.
photo-reason-memo_wrong_date = The date on the note is not today's date. Write today's date as shown above.
photo-reason-memo_request_unreadable = We could not read the request on your note. Support will check it; write clearly to be sure.
photo-reason-memo_name_unreadable = We could not read the name on your note. Support will check it; write clearly to be sure.
photo-reason-memo_date_unreadable = We could not read the date on your note. Support will check it; write clearly to be sure.
photo-reason-text_covered = Something (perhaps a finger) may cover text on the document. Hold the document by its edges.
photo-reason-possible_screen_or_print = This may be a photo of a screen or a printout. Please photograph the original document.

event-photo_submitted = Identity photo sent
event-photo_viewed_by_staff = A support agent viewed your identity photo

error-photo_empty = The file is empty. Choose a photo.
error-photo_too_large = The photo is too large (30 MB at most).
error-photo_unsupported_format = This file type is not supported. Send a JPEG, PNG or WebP photo (on iPhone: Settings › Camera › Formats › Most Compatible).
error-photo_too_many_pixels = The picture has too many pixels (40 megapixels at most).
error-photo_too_small = The picture is too small to check. Take it with the camera at full size.
error-photo_animated = Animated images cannot be used. Send a still photo.
error-photo_truncated = The file is incomplete. Take or choose the photo again.
error-photo_corrupt = The file is damaged or not a photo. Take or choose the photo again.
error-photo_memory_limit = The picture is too large to check. Send a smaller photo.
error-photo_blocked = Please fix the points shown before sending this photo.
error-photo_busy = Many photos are being checked right now. Try again in a moment.

## Agents: submitted identity photos
nav-agent-photos = Identity photos
agent-photos-title = Submitted identity photos
agent-photos-empty = No photo has been submitted yet.
agent-customer = Customer
agent-review = Review photo
agent-audited = Every view of an identity photo is recorded in the customer's security log.
agent-checklist = Checklist (pre-filled by the machine; you decide)
agent-findings = Machine findings
agent-check = Check
agent-status = Result
agent-reasons = Reasons
agent-measured = Measured / threshold
agent-skipped = not checked
agent-prefill-ok = machine: fine
agent-prefill-problem = machine: problem
agent-prefill-look = machine: unsure, look
checklist-not_mirrored = Not mirrored
checklist-sharp = Sharp, text readable
checklist-no_glare_over_text = No glare over the text
checklist-nothing_covers_text = No finger or object over text or seals
checklist-original_document = The original document (not a copy, printout or screen)
checklist-document_complete = The whole document is in the picture
checklist-face_visible = One face, frontal, no hat
checklist-memo_request = Memo states the request
checklist-memo_name = Memo shows the full name on file
checklist-memo_date = Memo shows the request (or resubmission) date
