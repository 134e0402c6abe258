## Identity verification (J5): the customer's page

verification-title = Identity verification
verification-your-tier = Your verification level: { $tier }.
verification-tier-unverified = not verified
verification-tier-basic = Basic (personal details)
verification-tier-enhanced = Enhanced (identity document)
verification-what-you-can-do = What you can do now
verification-nothing-lost = Sending documents never takes away anything your account can already do, whatever the outcome.
verification-case = Your verification
verification-status-draft = Ready for you to send your documents
verification-status-submitted = Sent, waiting for review
verification-status-in_review = Being reviewed by our staff
verification-status-approved = Approved
verification-status-refused = Not accepted
verification-attempt = attempt { $attempt }
verification-refused-because = Your documents could not be accepted:
verification-next-retry = You can fix this yourself and send again right away, on the identity verification page. You do not need to contact support.
verification-next-support = Our support staff will look into this with you in your verification request: you do not need to send anything now.
verification-request-link = Your verification request #{ $number }
verification-list-separator = ,{" "}

## Basic: personal details

verification-basic = Step 1: personal details (Basic)
verification-basic-intro = Enter your details exactly as they appear on your identity document.
verification-basic-done = Your details:
verification-give-facts = Save my details
verification-facts-saved = Your details are saved: your account is now Basic.
verification-facts-problems = Some details need your attention: see the messages below them.
verification-fact-country = Country of residence
verification-fact-latin-name = Full name in Latin letters, as on your document
verification-fact-latin-name-hint = For example: Hanako Yamada.
verification-fact-native-name = Full name in your own script (Japanese residents: in kanji or kana)
verification-fact-native-name-hint = For example: 山田 花子. Required for residents of Japan, China, Taiwan, Hong Kong and Korea.
verification-fact-date-of-birth = Date of birth
verification-fact-address = Current address
verification-fact-phone = Phone number
verification-fact-occupation = Occupation
verification-fact-required = Please fill this in.
verification-fact-not-latin = Please use Latin letters only (A–Z), as your name is written in Latin letters on your document.
verification-fact-too-long = This is too long.
verification-fact-not-a-date = Please enter a real date.
verification-fact-too-young = You must be at least 18 years old to verify your account.
verification-fact-not-a-phone = Please enter a phone number of 7 to 15 digits (spaces, hyphens, brackets and a leading + are fine).
verification-fact-unknown-occupation = Please choose an occupation from the list.
verification-fact-not-a-country = Please choose your country of residence.
verification-occupation-employee = Company employee
verification-occupation-self_employed = Self-employed
verification-occupation-executive = Company executive
verification-occupation-public_servant = Public servant
verification-occupation-student = Student
verification-occupation-homemaker = Homemaker
verification-occupation-retired = Retired
verification-occupation-unemployed = Not working
verification-occupation-other = Other

country-JP = Japan
country-US = United States
country-GB = United Kingdom
country-CN = China
country-KR = South Korea
country-TW = Taiwan
country-HK = Hong Kong
country-SG = Singapore
country-AU = Australia
country-CA = Canada
country-DE = Germany
country-FR = France

## Enhanced: identity document

verification-enhanced = Step 2: identity document (Enhanced)
verification-enhanced-done = Your identity is verified: your account is Enhanced.
verification-waiting = Thank you: your documents are being reviewed. We will e-mail you the result; you can also follow it here.
verification-accepted-for = Accepted for { $country } (check before you take the photos):
verification-photo-rules = Photograph the original document (no copy, printout or screen), flat and whole, every corner in the frame, sharp, without glare or fingers over the text.
verification-document = Document
verification-expires-on = Valid until
verification-expires-on-hint = As printed on the document. Not needed for a passport: its machine-readable zone gives it.
verification-side-photo_page = Passport photo page
verification-side-front = Front
verification-side-back = Back
verification-side-address_side = Address side (the page or side that shows your current address)
verification-side-hint-photo_page = The page with your photo and the two lines of letters and « < » at the bottom.
verification-side-hint-front = The side with your photo.
verification-side-hint-back = The other side, including any address change written on it.
verification-side-hint-address_side = A document or side that shows your current address, if it is not on the photo side.
verification-send = Send for verification
verification-sent = Your documents are sent: our staff will review them. You can follow the review here.
verification-history = Attempts
verification-outcome-in_review = being reviewed
verification-outcome-approved = approved
verification-outcome-refused = not accepted
verification-outcome-cleared = cleared by support
verification-document-passport = Passport
verification-document-drivers_license = Driver's license
verification-document-residence_card = Residence card
verification-document-my_number_card = My Number card
verification-document-national_id = National identity card

## Why an attempt was refused, and what to do

verification-reason-document-not-accepted = This document is not accepted for your country of residence ({ $country }). Please send one of: { $accepted }.
verification-reason-expired = The document has expired. Please send a document that is still valid.
verification-reason-blurred = The photo is blurred, so the text cannot be read. Please take it again in good light, holding the camera still.
verification-reason-glare = Light reflects on the document and hides part of the text. Please take the photo again away from direct light, tilting the document slightly.
verification-reason-cut-off = Part of the document is outside the photo. Please take it again with all four corners in the frame.
verification-reason-side-missing = A side of the document is missing. Please send every side listed for your document.
verification-reason-mrz-unreadable = The two lines at the bottom of the passport photo page cannot be read. Please take the photo again, flat and sharp, with those lines fully visible.
verification-reason-mrz-invalid = The two lines at the bottom of the passport photo page do not read consistently. Please take the photo again, flat and sharp.
verification-reason-name-mismatch = The name on the document does not match the name you gave. Please send the document in your own name, or contact support if your name has changed.
verification-reason-date-of-birth-mismatch = The date of birth on the document does not match the one you gave. Please contact support to correct your details.
verification-reason-suspected-forgery = We could not accept this document. Our support staff will contact you about what to do next.

## The desk request a case is worked in

verification-request-subject = Identity verification (Enhanced)
verification-request-body = I have sent my identity documents for Enhanced verification (attempt { $attempt }).
verification-request-new-attempt = New documents were sent (attempt { $attempt }).

## Mails

mail-verification-refused-subject = Your identity documents could not be accepted
mail-verification-refused-body =
    We could not accept the documents you sent for verification, for these reasons:

    { $reasons }

    { $next }

    Nothing your account can already do has changed.
mail-verification-refused-action = Open identity verification
mail-verification-approved-subject = Your identity is verified
mail-verification-approved-body = Your identity documents were accepted: your account is now verified (Enhanced). See what you can do on your account page.
mail-verification-approved-action = Open identity verification
mail-verification-cleared-subject = Your identity verification was cleared
mail-verification-cleared-body =
    Our support staff cleared your identity verification: the images you sent have been deleted.

    You can start again whenever you like.
mail-verification-cleared-action = Open identity verification

## The agent's review

verification-checklist = Checklist: confirm each item (items the machine found a problem with are marked)
verification-review-sent-at = Sent
verification-review-outcome = Outcome
verification-review-reasons = Reasons
verification-review-title = Verification case
verification-review-facts = Details on file
verification-review-document = Document sent
verification-review-queue = Verification requests
verification-mrz-name = Name (machine-readable zone)
verification-mrz-number = Document number
verification-mrz-nationality = Nationality
verification-mrz-check-digits = Check digits
verification-mrz-valid = all correct
verification-mrz-invalid = do not add up
verification-flag-name_mismatch = The name in the machine-readable zone differs from the name given.
verification-flag-date_of_birth_mismatch = The date of birth in the machine-readable zone differs from the one given.
verification-flag-mrz_unreadable = The machine-readable zone could not be read.
verification-flag-mrz_invalid = The machine-readable zone's check digits do not add up.
verification-flag-expiry_mismatch = The expiry date typed differs from the machine-readable zone's.
verification-flag-sent_anyway = A photo was sent although the pre-check found problems.
verification-check-original = Original document (no copy, printout or screen)
verification-check-readable = Every field readable (sharp, no glare, nothing covered or cut off)
verification-check-not_expired = Not expired
verification-check-name_matches = Name matches the details on file
verification-check-birth_date_matches = Date of birth matches
verification-check-address_matches = Current address matches (address side if needed)
verification-check-not_tampered = No sign of tampering
verification-check-pass = no problem
verification-check-fail = problem
verification-refuse-reasons = Reasons for a refusal
verification-reason-short-document_not_accepted = Document not accepted for the country
verification-reason-short-expired = Expired
verification-reason-short-blurred = Blurred
verification-reason-short-glare = Glare over text
verification-reason-short-cut_off = Cut off
verification-reason-short-side_missing = Side missing
verification-reason-short-mrz_unreadable = Machine-readable zone unreadable
verification-reason-short-mrz_invalid = Machine-readable zone inconsistent
verification-reason-short-name_mismatch = Name does not match
verification-reason-short-date_of_birth_mismatch = Date of birth does not match
verification-reason-short-suspected_forgery = Suspected forgery (not retryable: support follows up)
verification-approve = Approve
verification-refuse = Refuse
verification-clear = Clear the case
verification-clear-hint = Clearing deletes every image of this case and lets the customer start again; they are told by mail.
verification-images-deleted = images deleted

## Errors

error-verification_facts_invalid = Some details need your attention.
error-verification_facts_fixed = Your personal details cannot be changed once saved. To change them, please contact support.
error-verification_facts_first = Please give your personal details (step 1) first.
error-verification_already_verified = Your identity is already verified.
error-verification_in_review = Your documents are being reviewed: please wait for the result.
error-verification_not_retryable = Our support staff are looking into your verification: please follow your verification request.
error-verification_side_missing = A photo of every side listed for this document is needed.
error-verification_expiry_invalid = Please enter the date the document is valid until.
error-verification_unknown_document = Please choose a document from the list.
error-verification_case_changed = This case changed meanwhile: look at it again.
error-verification_checklist_incomplete = Every checklist item must pass before approving.
error-verification_no_reason = Choose at least one reason to refuse.
error-verification_not_in_review = Only a case in review can be decided.
error-verification_approved = An approved case cannot be cleared.
error-hold_system = This hold was set by a security rule: it ends at its time and cannot be lifted before.
error-hold_not_yours = Only the agent who set this hold can lift it.
error-hold_ended = This hold has already ended.

## Holds (the agent's console)

hold-add = Put a hold on this account
hold-scope = What to hold
hold-reason = Reason
hold-reason-security_review = Security review
hold-reason-customer_request = The customer asked for it
hold-reason-suspected_fraud = Suspected fraud
hold-reason-legal_order = Legal order
hold-reason-twofactor_reset = Security delay after a two-factor reset
hold-hours = For how many hours (empty: until lifted)
hold-lift = Lift
hold-system = security rule

## Service tokens (admins)

tokens-title = Service tokens
tokens-intro = Tokens for the exchange's other services to ask keydesk what an account may do (GET /api/v1/accounts/{"{"}id{"}"}/capabilities). A token is shown once; keydesk keeps only its digest.
tokens-created = Copy this token now: it will not be shown again.
tokens-name = Name
tokens-scope = Scope
tokens-create = Create a token
tokens-created-at = Created
tokens-last-used = Last used
tokens-revoked = revoked
tokens-revoke = Revoke

## Audit events

event-verification_facts_given = Personal details given for verification
event-verification_submitted = Identity documents sent
event-verification_decided = Identity verification decided
event-verification_image_viewed_by_staff = An identity image was viewed by staff
event-verification_case_viewed_by_staff = A verification case was opened by staff
event-hold_added = A hold was put on the account
event-hold_lifted = A hold was lifted
event-service_token_created = A service token was created
event-service_token_revoked = A service token was revoked
