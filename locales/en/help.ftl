## Help: the way out of every dead end

help-title = Help
nav-help = Help
help-lost-phone = I lost my phone (or my authenticator app)
help-lost-phone-body = Log in with your password, then use one of your recovery codes instead of a code from the app. Then set up your authenticator app on your new phone ("Move to a new phone" on your account page): your old phone stops working and you get new recovery codes.
help-new-phone = I have a new phone
help-new-phone-body = While you still have the old phone, open your account page and choose "Move to a new phone". You confirm with a code from the old phone (or a recovery code) and one from the new phone.
help-locked = My login is locked
help-locked-body = After many wrong passwords or codes, logging in is locked for a while to protect your account; the page and the mail we sent say until when. If it was not you, change your password.
help-password = I forgot my password
help-password-body = We send you a link that is valid for one hour. You still need your authenticator app or a recovery code afterwards.
help-password-link = Reset your password
help-contact = Contact support
help-contact-form = If none of this gets you in, send us a request — signed in or not, in English or Japanese:
help-contact-form-link = Submit a request
help-contact-body = If none of this gets you in, write to us:
