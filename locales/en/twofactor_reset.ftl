## The 2FA reset: "Lost your authenticator?" (the customer's page, the agents' review)

login2fa-lost-link = Lost your authenticator and your recovery codes? Reset two-factor authentication
nav-agent-resets = 2FA resets

tfa-reset-title = Reset two-factor authentication
reset-intro = If you no longer have your authenticator and no recovery code is left, you can prove it is you and we will reset two-factor authentication. Your password is already confirmed: only this account can ask.
reset-case = Your reset request
reset-status-submitted = Sent: waiting for our support staff
reset-status-in_review = Being checked by our support staff
reset-status-refused = Not accepted: please see what to fix below
reset-status-waiting = Approved: the reset waits out a security delay
reset-status-executed = Done: set up two-factor authentication again at your next login
reset-status-cancelled = Stopped
reset-attempt = attempt { $attempt }
reset-delay-ends = The reset will be carried out at { $ends }, unless you stop it.
reset-refused-because = We could not accept what you sent, for these reasons:
reset-next-retry = Please take a new photo with these points fixed and send it again below. Write the date you send it on the memo.
reset-next-support = This cannot be fixed by sending again. Our support staff will contact you.
reset-request-number = Support request #{ $number }: you will also see it under "My requests" once you can log in again.
reset-sent = Thank you: your photos were sent. We will email you as soon as our support staff have checked them.
reset-facts-matched = Thank you: your answers match. We have emailed you what happens next.

reset-memo-title = 1. Write a memo by hand
reset-memo-intro = On a sheet of paper, write these three lines by hand, exactly as shown:
reset-memo-request = What you ask for:
reset-memo-name = Your full name, as on your identity document:
reset-memo-date = Today's date:
reset-photo-title = 2. Take one photo of yourself holding the memo and your identity document
reset-example-alt = A good photo: the face frontal, the identity card held beside it and the handwritten memo below, all readable
reset-rule-face = Your face from the front, uncovered, no hat, no sunglasses.
reset-rule-original = The original identity document you were verified with — not a copy, a printout or a screen.
reset-rule-readable = Everything readable: the whole document and the whole memo in the picture.
reset-rule-mirror = Not mirrored: turn off your front camera's mirror setting (or use the back camera).
reset-rule-glare = No glare: turn the document away from the lamp or window until no light reflects on it.
reset-rule-fingers = No fingers over the text, the photo or the seals.
reset-rule-sharp = Sharp: hold still, and tap the screen to focus.
reset-selfie = Your ID selfie
reset-address-side = The side of your document that shows your current address
reset-address-side-hint = Your document keeps the address apart from your name (on the back, or on a second document): photograph that side too.
reset-send = Send for checking
reset-send-again = Send again
reset-facts-title = Answer three of these four questions
reset-facts-intro = Your account is not verified with an identity document, so we check what you told us when you gave your personal details. Answer at least three: we do not say which answers did not match.
reset-facts-choose = Choose…
reset-facts-send = Send my answers
reset-support = Your account holds no personal details we could check, so our support staff need to help you.
reset-support-link = Contact support
reset-safety = To keep your account safe, we email you at every step. An approved reset still waits { $hours } hours before it is carried out, and withdrawals are paused for a while after it. If you did not ask for this, use the "This wasn't me" link in our email.
reset-back-to-code = Back to entering a code

## "This wasn't me"

reset-stop-title = Stop the two-factor reset
reset-stop-intro = Someone asked to reset two-factor authentication on your account. If it was not you, stop it now.
reset-stop-freeze = To protect you, stopping it also freezes your account and signs out every session: contact support to unfreeze it (we will check your identity again). Your password may be known to someone else: change it as soon as your account is unfrozen.
reset-stop-button = This wasn't me: stop the reset
reset-stopped = The reset is stopped and your account is frozen. Please contact support.
reset-stop-closed = This reset can no longer be stopped: it was already stopped or carried out. If you did not ask for it, contact support at once.
reset-notice = Someone asked to reset two-factor authentication on your account. If it was not you, stop it now.
reset-notice-button = This wasn't me: stop the reset

## The desk request a case is worked in

reset-request-subject = Two-factor authentication reset
reset-request-body-selfie = I lost my authenticator and recovery codes and sent an ID selfie to reset two-factor authentication.
reset-request-body-facts = I lost my authenticator and recovery codes and answered the personal questions to reset two-factor authentication.
reset-request-new-attempt = New photos were sent (attempt { $attempt }).
reset-note-approved = The reset was approved. It will be carried out after the security delay unless the account's owner stops it.
reset-note-refused = The photos were not accepted; the customer was told why by email.
reset-note-first-approval = First approval given; a second agent must approve this reset too.
reset-note-stopped = The account's owner stopped the reset ("this wasn't me"); the account is frozen.
reset-note-done = Two-factor authentication was reset. The customer sets it up again at the next login; withdrawals are held for the security period.

## Refusal reasons: what was wrong, and what to do

reset-reason-face-not-visible = Your face is not fully visible from the front. Take the photo facing the camera, without a hat, mask or sunglasses.
reset-reason-not-original = The document in your photo is a copy, a printout or on a screen. Photograph the original document.
reset-reason-text-unreadable = The text of your document cannot be read. Make sure the whole document is in the picture and in focus.
reset-reason-memo-wrong = The memo does not show the request, your full name as on your document, and the date you send it. Write the three lines exactly as the page shows them.
reset-reason-mirrored = Your photo is mirrored (the text reads backwards). Turn off your front camera's mirror setting, or use the back camera.
reset-reason-glare = Light reflects on your document and hides its text. Tilt the document away from the lamp or window.
reset-reason-covered = Your fingers (or something else) cover text, the photo or a seal of the document. Hold it by its edges.
reset-reason-blurred = Your photo is blurred. Hold still and tap the screen to focus before taking it.
reset-reason-address-side-missing = We need the side of your document that shows your current address. Send it with the selfie.
reset-reason-not-the-holder = We could not confirm that you are the holder of the document on file.
reset-reason-short-face_not_visible = Face not visible
reset-reason-short-not_original = Not the original document
reset-reason-short-text_unreadable = Text unreadable
reset-reason-short-memo_wrong = Memo wrong or unreadable
reset-reason-short-mirrored = Mirrored
reset-reason-short-glare = Glare over text
reset-reason-short-covered = Text or seals covered
reset-reason-short-blurred = Blurred
reset-reason-short-address_side_missing = Address side missing
reset-reason-short-not_the_holder = Not the holder of the document on file (cannot be fixed by sending again)

## The agents' queue and review

reset-queue-title = 2FA reset cases
reset-queue-empty = No reset case waits for anyone.
reset-way = Way
reset-way-selfie = ID selfie
reset-way-facts = Personal facts
reset-updated = Last change
reset-approvals-so-far = { $count } approval so far
reset-review-title = 2FA reset
reset-staff-account = Staff account: an admin must decide, and two must approve
reset-approvals = Approvals: { $count } of { $needed } needed
reset-image-selfie = ID selfie
reset-image-address_side = Address side
reset-on-file = The document on file
reset-address-side-needed = its address is on another side: the address side must be sent
reset-on-file-none = No verified document is on file for this account.
reset-facts-review = The customer's answers matched at least three of the four personal facts on file. Confirm only if nothing else about the request looks wrong.
reset-approve = Approve the reset
reset-refuse = Refuse with the reasons ticked
reset-earlier = Earlier attempts
checklist-face_matches_document = The face is the face on the document on file (and the name and birth date are the same)
checklist-address_side = The address side is there, readable, and shows the address on file

hold-reason-twofactor_reset_stopped = Frozen: the owner stopped a two-factor reset ("this wasn't me")

hold-unfreeze-confirm = I checked the owner's identity again (a new ID selfie or document, reviewed)
hold-unfreeze = Lift the freeze
error-hold_not_a_freeze = Only an owner's freeze ("this wasn't me") is lifted this way.
error-hold_needs_admin = An owner's freeze is lifted by an admin.
error-hold_identity_not_checked = Confirm first that the owner's identity was checked again.

## Mails

mail-reset-requested-subject = A two-factor reset was requested for your { $issuer } account
mail-reset-requested-body =
    Someone who knows your password asked to reset two-factor authentication on your account.

    If it was you, there is nothing to do: we will email you when our support staff have checked your request.

    If it was not you, stop it now with the button below, then change your password. Stopping it also freezes your account until our support staff have checked your identity again.
mail-reset-requested-action = This wasn't me: stop the reset
mail-reset-refused-subject = Your two-factor reset request could not be accepted
mail-reset-refused-body =
    We could not accept the photos you sent to reset two-factor authentication, for these reasons:

    { $reasons }

    { $next }
mail-reset-refused-action = Send new photos
mail-reset-approved-subject = We are resetting two-factor authentication on your account
mail-reset-approved-body =
    Your request was approved. For your safety, the reset is carried out after a security delay: at { $ends }.

    If you did not ask for this, stop it now with the button below. Stopping it also freezes your account until our support staff have checked your identity again.
mail-reset-approved-action = This wasn't me: stop the reset
mail-reset-done-subject = Two-factor authentication has been reset
mail-reset-done-body =
    Two-factor authentication on your account has been reset: every session was signed out, and your old authenticator and recovery codes no longer work.

    At your next login you will set it up again with your authenticator app and be given new recovery codes. Please keep them somewhere safe.

    For your safety, withdrawals are paused until { $until }.
mail-reset-done-action = Log in
mail-reset-stopped-subject = The two-factor reset was stopped and your account is frozen
mail-reset-stopped-body =
    The two-factor reset on your account was stopped with the "This wasn't me" link. To protect you, your account is frozen and every session was signed out.

    Please contact support: we will check your identity again and unfreeze your account. Someone may know your password: change it as soon as you can sign in again.
mail-reset-stopped-action = Contact support

## Errors

error-reset_already_open = A reset request is already under way for this account: see its state on this page.
error-reset_selfie_missing = Please choose your ID selfie.
error-reset_address_side_missing = Please also choose a photo of the side of your document that shows your current address.
error-reset_facts_path_only = Your account is not verified with an identity document: please answer the personal questions instead.
error-reset_selfie_path_only = Your account is verified with an identity document: please send an ID selfie instead.
error-reset_nothing_on_file = Your account holds no personal details we could check: please contact support.
error-reset_facts_do_not_match = Your answers do not match the details on your account. Check them and try again, or contact support.
error-reset_changed = Someone changed this case meanwhile: the page shows it as it is now.
error-reset_not_in_review = This case is not waiting for a decision.
error-reset_no_reason = Tick at least one reason to refuse.
error-reset_not_refused = Photos can be sent again only after a refusal.
error-reset_not_retryable = This refusal cannot be fixed by sending again: our support staff will contact you.
error-reset_facts_not_resent = Answers cannot be sent again for this request.
error-reset_same_approver = You have already approved this reset: a second agent must approve it.
error-reset_delay_running = The security delay has not ended yet.
error-reset_not_waiting = This reset is not waiting to be carried out.
error-reset_closed = This reset is already closed.
error-reset_not_staff = Only support staff decide resets.
error-reset_own_account = You cannot decide a reset of your own account.
error-reset_needs_admin = A staff account's reset must be decided by an admin.
error-reset_checklist_incomplete = Mark every checklist item pass or fail first.
error-reset_checklist_failed = An approval needs every checklist item passed: refuse with the reasons instead.
error-reset_link_invalid = This link is not valid (any more).
