## Two-factor authentication: enrollment, recovery codes, turning it off
## Both languages have a file of this name with exactly the same message ids.

## Authenticator enrollment

enroll-title = Turn on two-factor authentication
enroll-intro = Two-factor authentication protects your account even if someone learns your password. It takes about two minutes.
enroll-step-app = Install an authenticator app on your phone, for example Google Authenticator, Microsoft Authenticator or 1Password.
enroll-step-scan = In the app, add an account and scan this QR code.
enroll-qr-alt = QR code for adding your account to an authenticator app
enroll-manual = Cannot scan the code? Enter this secret key in the app instead:
enroll-backup-warning = Keep this key somewhere safe, apart from your phone: with it you can add this account to a new phone's authenticator app yourself. The recovery codes on the next page also let you in if you lose your phone.
enroll-step-code = Enter the 6-digit code now shown in the app
enroll-submit = Turn on
enroll-restart = Start over with a new key
move-title = Move to a new phone
move-intro = Set up your authenticator app on your new phone. Your current app keeps working until you confirm the move.
move-old-code = Code from the authenticator app on your current phone (the one you are moving from), or a recovery code

## Recovery codes

codes-title = Your recovery codes
codes-moved = Your authenticator app has been moved. Codes from the old phone no longer work, and your previous recovery codes have been replaced by the ones below.
codes-intro = If you lose your phone, you can log in with one of these codes. Each code works only once.
codes-download = Download as a text file
codes-warning = Save these codes now, away from your phone: print them or keep them in a password manager. This is the only time they are shown. Without them, regaining access after losing your phone requires contacting support.
codes-continue = I have saved my codes
codes-file-header = { $issuer } recovery codes for { $email }, created { $created }. Each code works only once. Keep this file somewhere safe, away from your phone, and never share it.
regen-title = Create new recovery codes
regen-intro = Enter a code from your authenticator app. You will get 10 new recovery codes, and all your current recovery codes will stop working.
regen-submit = Create new codes

## Turning two-factor authentication off

disable-title = Turn off two-factor authentication
disable-intro = Without two-factor authentication, anyone who learns your password can log in. If you are changing phones, use "Move to a new phone" instead. To confirm, enter a code from your authenticator app or a recovery code.
disable-submit = Turn off
enroll-open-app = On this phone? Open it in your authenticator app
enroll-copy = Copy the key
enroll-copied = Copied
move-submit = Move
move-new-code = Code now shown by the authenticator app on your new phone
move-codes-replaced = When you move, your recovery codes are replaced by a new set and the old ones stop working: keep the new ones shown next.
