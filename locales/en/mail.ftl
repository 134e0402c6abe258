## Every mail keydesk sends
## Both languages have a file of this name with exactly the same message ids.

## Mails: common parts

mail-greeting = Hello,
mail-footer = This is an automatic message from { $issuer }; replies to it are not read. If you need help, see { $help_url }.
mail-when-where = When: { $when }. From: { $device }, IP address { $ip }.

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
    There were too many failed attempts to log in to your { $issuer } account, the last one from { $device } at IP address { $ip }. For your security, logging in is locked for { $minutes } minutes, until { $until }.

    If this was you, please wait and try again. If you have forgotten your password, use "Forgot your password?" on the login page.

    If this was not you, someone may be trying to guess your password. Set a new password with "Forgot your password?" on the login page, and contact support if this happens again.

## Mail: locked after wrong codes (the password was right)

mail-locked-second-factor-subject = Your { $issuer } password was used, then wrong codes: login is locked
mail-locked-second-factor-body =
    Someone entered the correct password for your { $issuer } account and then too many wrong two-factor codes, the last one from { $device } at IP address { $ip }. For your security, logging in is locked for { $minutes } minutes, until { $until }.

    If this was you (a new phone, a clock that is off), wait and try again, or use a recovery code.

    If this was not you, your password is known to someone else: your second factor stopped them. Change your password now with "Forgot your password?" on the login page, and do not use that password anywhere else.

## Mails: the help desk. Every subject carries the request's number.

mail-desk-received-subject = [#{ $number }] Your request has been received
mail-desk-received-body =
    Your request (#{ $number }) has been received and is being reviewed by our support staff.

    { $visitor ->
        [yes] We will answer you at this address.
       *[no] You can follow it and add to it on its page at any time; we will write to you here when there is news.
    }
mail-desk-received-action = View request #{ $number }
mail-desk-confirm-subject = [#{ $number }] Please confirm your email address to send your request
mail-desk-confirm-body =
    Someone sent a request to { $issuer } support with this email address. Before our staff can see it, please confirm that the address is yours with the button below.

    If you did not send it, ignore this email: the request is deleted unread.
mail-desk-confirm-action = Confirm and send request #{ $number }
mail-desk-reply-subject = [#{ $number }] Reply from { $issuer } support
mail-desk-reply-body =
    { $reply }
mail-desk-reply-action = View request #{ $number } and reply
mail-desk-solved-subject = [#{ $number }] Your request has been solved
mail-desk-solved-body =
    Your request (#{ $number }) has been solved.

    If something is still not right, reply on its page: that reopens it. It closes by itself after { $days } days.

    How did we do? Rate our answer in one click: { $rating }
mail-desk-solved-action = View request #{ $number }
mail-desk-reminder-subject = [#{ $number }] We are waiting for your reply
mail-desk-reminder-body =
    Our support staff asked you something about your request (#{ $number }) and are waiting for your reply before they can go on.

    Please answer on the request's page.
mail-desk-reminder-action = Reply to request #{ $number }
