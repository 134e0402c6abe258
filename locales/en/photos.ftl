## Identity photos: the pre-check page and the agents' review
## Both languages have a file of this name with exactly the same message ids.

## Identity photos: check before you send
account-photos = Identity photos
account-photo-check = Check a photo before you send it
photo-title = Check your photo before you send it
photo-intro = Choose or take a photo: we check it at once and tell you what to fix, so support does not have to send it back.
photo-purpose = These are the photos support asks for when it must confirm who you are: an ID selfie (for example to reset two-factor authentication) or the sides of your identity document. What you send goes to our support staff, who review it and write to you.
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
photo-choose = Choose or take a photo
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
photo-just-sent = Just now — waiting for review
photo-waiting-for-review = waiting for review
photo-sent-title = Photos you sent
photo-none-sent = You have not sent any photo yet.
photo-sent-with-problems = sent with open points

## What to fix in a photo (one message per reason the checks give)
photo-reason-exif_mirror_flag = Your camera saved this picture mirrored. Turn off the mirror setting of your front camera and take it again.
photo-reason-blurry = The picture is blurred. Hold the phone still, tap the screen to focus and take it again in good light.
photo-reason-document_blurry = The document is blurred. Tap on the document to focus and take the photo again.
photo-reason-glare_over_text = A reflection makes part of the document unreadable. Tilt the document slightly or move away from the lamp or window.
photo-reason-glare_minor = There is a small reflection. If the text stays readable, this is fine.
photo-reason-glare_faded_text = The text on the document looks faded, probably by a reflection. If you can, take the photo again with the document tilted away from the light.
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
checklist-memo_name = Memo shows the full name as on the identity document
checklist-memo_date = Memo shows the request (or resubmission) date

## The agent's review: each automatic check by name, in the agent's language

check-orientation = Orientation
check-sharpness = Sharpness
check-glare = Glare
check-exposure = Exposure
check-document = Document in the picture
check-faces = Face
check-mirrored = Mirrored image
check-mrz = Passport machine-readable zone
check-memo = Handwritten memo
check-covered_text = Text or seals covered
check-screen_or_print = Screen or printout instead of the original
agent-status-pass = OK
agent-status-warn = Look closely
agent-status-fail = Problem
agent-told = What the customer was told
agent-measurements = Measurements (for tuning the checks)
skipped-ocr_unavailable = text reading is not available on this server
skipped-ocr_disabled = text reading was turned off for this check
skipped-no_document = no document was found to read
skipped-not_applicable = does not apply to this kind of photo
skipped-no_expectation = nothing to compare with
skipped-model_unavailable = the face model is not available on this server
