## Error messages, one per stable error code (error-<code>)
## Both languages have a file of this name with exactly the same message ids.

## Errors

error-title = Something went wrong
error-email_empty = Please enter your email address.
error-email_too_long = This email address is too long. Please check it and try again.
error-email_invalid = This does not look like a valid email address. Please check it, for example name@example.com.
error-password_too_short = Your password must have at least 10 characters. A phrase of a few words is easy to remember and hard to guess.
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
error-locked = Too many failed attempts. For your security, this is locked for { $minutes } minutes, until { $until }. We have sent you an email.
error-token_invalid = This link is not valid. Please use the most recent email we sent you, or request a new link.
error-token_expired = This link has expired. Please request a new one.
error-token_used = This link has already been used. If you still need to, request a new one.
error-csrf_failed = This form has expired for security reasons. Please reload the page and try again.
error-unauthenticated = Please log in to continue.
error-second_factor_required = Please enter the code from your authenticator app to finish logging in.
error-enrollment_required = Please turn on two-factor authentication to continue.
error-forbidden = You do not have permission to do this.
error-not_found = We could not find this page. Please check the address.
error-method_not_allowed = This page cannot be used that way. Please go back and try again from the page itself.
error-no_pending_enrollment = This setup has expired or was cancelled. Please start again.
error-factor_already_active = Two-factor authentication is already on. To use a new phone, choose "Move to a new phone" on your account page.
error-no_factor = Two-factor authentication is not on for this account.
error-proof_required = Please enter a code from your current authenticator app, or a recovery code, to confirm the move.
error-disable_not_allowed = Two-factor authentication is required for this account and cannot be turned off. To change phones, use "Move to a new phone".
error-payload_too_large = This is more than we can take at once. Please send less.
error-unsupported_media_type = This page cannot take what was sent. Please go back and use the form on the page.
error-bad_request = The request could not be processed. Please reload the page and try again.
error-conflict = This was changed at the same time somewhere else. Please reload the page and try again.
error-internal = Something went wrong on our side. Please try again in a few minutes. If it keeps happening, contact support.

## The help desk

error-desk_unknown_category = There is no such topic. Please choose one from the list.
error-desk_form_invalid = Some fields need your attention: see the messages below them.
error-desk_attachment_empty = The file “{ $name }” is empty. Please choose it again.
error-desk_attachment_too_large = The file “{ $name }” is larger than { $max } MB. Please send a smaller one.
error-desk_attachment_type = The file “{ $name }” is not an image (JPEG, PNG, WebP) or a PDF. Only those can be attached.
error-desk_attachment_corrupt = The file “{ $name }” cannot be read: it may be damaged or incomplete. Please export or photograph it again.
error-desk_attachments_too_many = You can attach up to { $max } files.
error-desk_request_changed = This request changed since you opened it: see what changed below, then make your change again.
error-desk_request_closed = This request is closed and can no longer be changed.
error-desk_status_refused = That status cannot be set here.
error-desk_confirm_invalid = This link cannot be used: it was used already, has expired, or is incomplete. If your request has not arrived, please send it again.
error-desk_rating_closed = This answer can no longer be rated: the request was reopened or has closed.
error-desk_rating_comment_too_long = Please keep the comment under 2,000 characters.
error-desk_rating_score = Please choose Good or Bad.
error-desk_reply_empty = Please write a message.
error-desk_unknown_assignee = Requests can only be assigned to agents.
error-desk_macro_invalid = The macro cannot be used as written: check its placeholders.
error-desk_webhook_invalid = The webhook needs an https:// address and at least one known event.
