## keydesk — 日本語メッセージ
## 英語ファイルと同じメッセージ ID をすべて含めてください。
## 変数はそのまま埋め込まれます（Unicode 分離記号は使いません）。

## Navigation and layout

nav-home = ホーム
nav-continue = 続ける
nav-back = 戻る
nav-account = アカウント
nav-events = セキュリティ履歴
nav-outbox = 送信メール
nav-logout = ログアウト
nav-login = ログイン
nav-signup = 新規登録
nav-other-language = English
footer = 当社からパスワード、認証コード、リカバリーコードをお尋ねすることは一切ありません。当社スタッフを含め、誰にも教えないでください。
verify-banner = アカウントの安全に関する大切なお知らせをお届けするため、メールアドレスの確認を完了してください。
verify-resend = 確認メールを再送信する

## Landing page

landing-title = アカウントを安全に守りましょう
landing-intro = 新規登録またはログインして、パスワード、二段階認証、リカバリーコードを管理できます。

## Form fields

form-email = メールアドレス
form-password = パスワード
form-current-password = 現在のパスワード
form-new-password = 新しいパスワード
form-code = 認証アプリに表示される6桁のコード
form-code-or-recovery = 認証アプリのコード、またはリカバリーコード
password-hint = 10文字以上で入力してください。ご自身だけが知っている長めのフレーズは、覚えやすく推測されにくいのでおすすめです。メールアドレスは使用できません。

## Sign up

signup-title = アカウントの新規登録
signup-intro = メールアドレスとパスワードを入力してください。メールアドレスの確認のため、メールをお送りします。
signup-submit = 登録する
signup-have-account = すでにアカウントをお持ちの方はこちらからログイン
signup-done-title = メールをご確認ください
signup-done-body = 入力されたメールアドレスにメールをお送りしました。メール内のリンクを開いて手続きを進めてください。数分経っても届かない場合は、迷惑メールフォルダもご確認ください。

## Email confirmation

verify-title = メールアドレスの確認
verify-intro = 下のボタンを押して、このメールアドレスがご本人のものであることを確認してください。
verify-submit = メールアドレスを確認する
verify-done-title = メールアドレスを確認しました
verify-done-body = ありがとうございます。メールアドレスの確認が完了しました。アカウントに関する重要なお知らせは、このメールアドレスにお送りします。
verify-sent-title = 確認メールを送信しました
verify-sent-body = 新しい確認メールをお送りしました。メール内のリンクを開いて確認を完了してください。以前お送りしたリンクは使用できなくなりました。

## Log in

login-title = ログイン
login-submit = ログイン
login-forgot = パスワードをお忘れの方
login-no-account = アカウントをお持ちでない方は新規登録
login2fa-title = 二段階認証
login2fa-intro = 認証アプリを開き、このアカウントに表示されている6桁のコードを入力してください。
login2fa-submit = 認証する
login2fa-lost = スマートフォンを紛失・機種変更された場合は、代わりにリカバリーコードを入力してください。リカバリーコードが残っていない場合は、サポートまでお問い合わせください。

## Password reset

forgot-title = パスワード再設定
forgot-intro = アカウントのメールアドレスを入力してください。新しいパスワードを設定するためのリンクをお送りします。
forgot-submit = 再設定用リンクを送信する
forgot-sent-title = メールをご確認ください
forgot-sent-body = このメールアドレスのアカウントが存在する場合、パスワード再設定用のリンクをお送りしました。リンクは一度だけ、短い期間のみ有効です。届かない場合は、迷惑メールフォルダもご確認ください。
reset-title = 新しいパスワードの設定
reset-submit = 新しいパスワードを保存する
reset-done-title = パスワードを変更しました
reset-done-body = 新しいパスワードを保存し、すべてのセッションからログアウトしました。新しいパスワードでログインしてください。二段階認証を有効にしている場合は、引き続き認証アプリまたはリカバリーコードが必要です。

## Password change

pwchange-title = パスワードの変更
pwchange-submit = パスワードを変更する
pwchange-done-title = パスワードを変更しました
pwchange-done-body = パスワードを変更しました。ほかのすべての端末からはログアウトしました。この画面ではログインしたままご利用いただけます。

## Account page

account-title = アカウント
account-2fa = 二段階認証
account-2fa-on = 二段階認証は有効です。ログインにはパスワードと認証アプリのコードが必要です。
account-2fa-off = 二段階認証は無効です。パスワードを知られると、誰でもログインできてしまいます。今すぐ有効にしてください。
account-codes-remaining = リカバリーコードの残り：{ $remaining }個
account-codes-low = リカバリーコードの残りが{ $remaining }個になりました。スマートフォンを紛失してもログインできるよう、今すぐ新しいコードを発行してください。
account-move = 新しいスマートフォンに移行する
account-regenerate = リカバリーコードを再発行する
account-disable = 二段階認証を無効にする
account-enroll = 二段階認証を有効にする
account-password = パスワード
account-change-password = パスワードを変更する
account-sessions = ログイン中のセッション
account-logout-everywhere = このセッションを含むすべてのセッションからログアウトする
account-recent-events = 最近のセキュリティ履歴
account-all-events = すべてのセキュリティ履歴を見る

## Sessions

sessions-started = 開始日時
sessions-from = IPアドレス
sessions-device = 端末
device-browser-on-os = { $os } の { $browser }
device-unknown = 不明な端末
sessions-this = このセッション
sessions-end = このセッションをログアウト

## Authenticator enrollment

enroll-title = 二段階認証を有効にする
enroll-intro = 二段階認証を有効にすると、万一パスワードを知られてもアカウントを守ることができます。設定は2分ほどで完了します。
enroll-step-app = スマートフォンに認証アプリ（Google Authenticator、Microsoft Authenticator、1Password など）をインストールしてください。
enroll-step-scan = 認証アプリでアカウントを追加し、このQRコードを読み取ってください。
enroll-qr-alt = 認証アプリにアカウントを追加するためのQRコード
enroll-manual = QRコードを読み取れない場合は、代わりに次のセットアップキーを認証アプリに入力してください。
enroll-backup-warning = このキーを書き留めるか、安全な場所に保存してください。スマートフォンを紛失した場合、サポートに問い合わせずに認証アプリを再設定できる唯一の方法です。
enroll-step-code = 認証アプリに表示された6桁のコードを入力してください
enroll-submit = 有効にする
enroll-restart = 新しいキーで最初からやり直す
move-title = 新しいスマートフォンに移行する
move-intro = 新しいスマートフォンの認証アプリで設定を行ってください。移行を確定するまでは、現在の認証アプリも引き続きご利用いただけます。
move-old-code = 現在の認証アプリのコード、またはリカバリーコード

## Recovery codes

codes-title = リカバリーコード
codes-moved = 認証アプリの移行が完了しました。以前のスマートフォンのコードは使用できなくなりました。また、これまでのリカバリーコードは、以下の新しいコードに置き換えられました。
codes-intro = スマートフォンを紛失した場合は、これらのコードのいずれかでログインできます。各コードは一度だけ使用できます。
codes-download = テキストファイルでダウンロードする
codes-warning = 今すぐ、スマートフォンとは別の場所にこれらのコードを保存してください（印刷する、パスワード管理ツールに保存するなど）。コードが表示されるのはこの一度だけです。コードがないと、スマートフォンを紛失した際にサポートへのお問い合わせが必要になります。
codes-continue = コードを保存しました
codes-file-header = アカウントのリカバリーコードです。各コードは一度だけ使用できます。このファイルはスマートフォンとは別の安全な場所に保管し、誰にも渡さないでください。
regen-title = リカバリーコードの再発行
regen-intro = 認証アプリのコードを入力してください。新しいリカバリーコードが10個発行され、現在のリカバリーコードはすべて使用できなくなります。
regen-submit = 新しいコードを発行する

## Turning two-factor authentication off

disable-title = 二段階認証を無効にする
disable-intro = 二段階認証を無効にすると、パスワードを知られた場合に誰でもログインできてしまいます。機種変更の場合は「新しいスマートフォンに移行する」をご利用ください。確認のため、認証アプリのコードまたはリカバリーコードを入力してください。
disable-submit = 無効にする

## Security events

events-title = セキュリティ履歴
events-intro = アカウントに関する重要な操作の履歴です。身に覚えのない操作があった場合は、パスワードを変更し、サポートまでお問い合わせください。
events-when = 日時
events-what = 内容
events-from = IPアドレス

## Mail outbox (staff)

outbox-title = 送信メール
outbox-empty = 送信されたメールはまだありません。
outbox-when = 送信日時
outbox-to = 宛先
outbox-subject = 件名

## Errors

error-title = エラーが発生しました
error-email_empty = メールアドレスを入力してください。
error-email_too_long = メールアドレスが長すぎます。内容をご確認のうえ、もう一度お試しください。
error-email_invalid = メールアドレスの形式が正しくありません。name@example.com のような形式でご入力ください。
error-password_too_short = パスワードは10文字以上で入力してください。短いフレーズにすると覚えやすくなります。
error-password_too_long = パスワードが長すぎます。もう少し短いパスワードを設定してください。
error-password_common = このパスワードはよく使われており、推測されやすいため使用できません。別のパスワードを設定してください。
error-password_is_email = メールアドレスをパスワードとして使用することはできません。別のパスワードを設定してください。
error-code_malformed = 認証アプリに表示されている6桁のコードを入力してください。
error-code_invalid = コードが正しくありません。認証アプリに現在表示されているコードを入力してください。また、スマートフォンの時刻が自動設定になっているかご確認ください。
error-code_replayed = このコードはすでに使用されています。認証アプリに次のコードが表示されるまでお待ちください（コードは30秒ごとに変わります）。
error-secret_weak = このセットアップキーは使用できません。もう一度最初から設定して、新しいキーを取得してください。
error-recovery_code_invalid = このリカバリーコードは無効か、すでに使用されています。入力内容をご確認いただくか、別のリカバリーコードをお試しください。
error-credentials_invalid = メールアドレスまたはパスワードが正しくありません。もう一度お試しいただくか、パスワード再設定を行ってください。
error-current_password_wrong = 現在のパスワードが正しくありません。もう一度お試しください。
error-throttled = 試行回数が多すぎます。{ $seconds }秒ほど待ってから、もう一度お試しください。
error-locked = 失敗が続いたため、安全のため{ $minutes }分間ロックしました。詳しくはお送りしたメールをご確認ください。
error-token_invalid = このリンクは無効です。最新のメールのリンクをご利用いただくか、新しいリンクをリクエストしてください。
error-token_expired = このリンクは有効期限が切れています。新しいリンクをリクエストしてください。
error-token_used = このリンクはすでに使用されています。必要な場合は、新しいリンクをリクエストしてください。
error-csrf_failed = セキュリティのため、このフォームの有効期限が切れました。ページを再読み込みして、もう一度お試しください。
error-unauthenticated = 続けるにはログインしてください。
error-second_factor_required = ログインを完了するには、認証アプリのコードを入力してください。
error-enrollment_required = 続けるには、二段階認証を有効にしてください。
error-forbidden = この操作を行う権限がありません。
error-not_found = ページが見つかりませんでした。URLをご確認ください。
error-no_pending_enrollment = この設定は有効期限が切れたか、キャンセルされました。最初からやり直してください。
error-factor_already_active = 二段階認証はすでに有効です。新しいスマートフォンを使う場合は、アカウントページの「新しいスマートフォンに移行する」をご利用ください。
error-no_factor = このアカウントでは二段階認証が有効になっていません。
error-proof_required = 移行を確定するため、現在の認証アプリのコードまたはリカバリーコードを入力してください。
error-disable_not_allowed = このアカウントでは二段階認証が必須のため、無効にできません。機種変更の場合は「新しいスマートフォンに移行する」をご利用ください。
error-bad_request = リクエストを処理できませんでした。ページを再読み込みして、もう一度お試しください。
error-conflict = ほかの画面で同時に変更が行われました。ページを再読み込みして、もう一度お試しください。
error-internal = システムエラーが発生しました。数分後にもう一度お試しください。問題が続く場合は、サポートまでお問い合わせください。

## Security event descriptions

event-sign_up = アカウント登録
event-email_verified = メールアドレスの確認
event-login_password = ログイン時のパスワード認証
event-login_password_failed = ログイン失敗（パスワード誤り）
event-login_second_factor = 二段階認証によるログイン
event-login_second_factor_failed = ログイン失敗（認証コード誤り）
event-logout = ログアウト
event-logout_everywhere = すべてのセッションからログアウト
event-session_ended = アカウントページから1つのセッションをログアウト
event-totp_enrolled = 二段階認証の有効化
event-totp_moved = 認証アプリを新しいスマートフォンに移行
event-totp_removed = 二段階認証の無効化
event-recovery_code_used = リカバリーコードの使用
event-recovery_codes_regenerated = リカバリーコードの再発行
event-locked = 失敗が続いたためのロック
event-password_changed = パスワードの変更
event-password_reset_requested = パスワード再設定のリクエスト
event-password_reset = メールのリンクによるパスワード再設定
event-language_changed = 表示言語の変更
event-account_created_by_operator = 当社スタッフによるアカウント作成
event-api_token_issued = APIアクセストークンの発行

## Mails: common parts

mail-greeting = いつもご利用いただきありがとうございます。
mail-footer = このメールは { $issuer } から自動送信されています。このメールへのご返信はお受けできません。お困りの際は、サポートまでお問い合わせください。

## Mail: confirm the email address

mail-verify-subject = 【{ $issuer }】メールアドレスの確認のお願い
mail-verify-body =
    { $issuer } にご登録いただきありがとうございます。下のボタンから、このメールアドレスがご本人のものであることを確認してください。

    リンクは一度だけ、短い期間のみ有効です。お心当たりのない場合は、このメールを破棄してください。
mail-verify-action = メールアドレスを確認する

## Mail: sign-up with an address that already has an account

mail-signup-existing-subject = 【{ $issuer }】お客様のメールアドレスで新規登録が試みられました
mail-signup-existing-body =
    このメールアドレスで { $issuer } の新規登録が試みられました。すでにアカウントをお持ちのため、新しいアカウントは作成されておらず、登録内容にも変更はありません。

    ご本人による操作の場合は、既存のアカウントでログインしてください。パスワードをお忘れの場合は、下のボタンから新しいパスワードを設定できます。

    お心当たりのない場合、特に対応は必要ありません。ご不安な場合は、ログイン画面の「パスワードをお忘れの方」から新しいパスワードを設定し、サポートまでお問い合わせください。
mail-signup-existing-action = パスワードを再設定する

## Mail: password reset link

mail-password-reset-subject = 【{ $issuer }】パスワード再設定のご案内
mail-password-reset-body =
    { $issuer } アカウントのパスワード再設定のリクエストを受け付けました。下のボタンから新しいパスワードを設定してください。リンクは一度だけ、短い期間のみ有効です。

    二段階認証は引き続き有効です。再設定後のログインにも、認証アプリまたはリカバリーコードが必要です。

    お心当たりのない場合は、このメールを破棄してください。パスワードは変更されません。このメールが繰り返し届く場合は、サポートまでお問い合わせください。
mail-password-reset-action = 新しいパスワードを設定する

## Mail: password changed

mail-password-changed-subject = 【{ $issuer }】パスワードが変更されました
mail-password-changed-body =
    { $issuer } アカウントのパスワードが変更されました（IPアドレス：{ $ip }）。ほかのセッションはすべてログアウトしました。

    ご本人による変更の場合、特に対応は必要ありません。

    お心当たりのない場合は、第三者がアカウントにアクセスしている可能性があります。ただちにログイン画面の「パスワードをお忘れの方」から新しいパスワードを設定し、至急サポートまでお問い合わせください。

## Mail: two-factor authentication turned on

mail-factor-added-subject = 【{ $issuer }】二段階認証が有効になりました
mail-factor-added-body =
    { $issuer } アカウントの二段階認証が有効になりました。今後のログインには、認証アプリのコードが必要です。

    リカバリーコードとセットアップキーは、スマートフォンとは別の安全な場所に保管してください。スマートフォンの紛失や機種変更の際、サポートに問い合わせることなくログインし、認証アプリを再設定できます。

    お心当たりのない場合は、ただちにログイン画面の「パスワードをお忘れの方」から新しいパスワードを設定し、サポートまでお問い合わせください。

## Mail: authenticator moved to a new phone

mail-factor-moved-subject = 【{ $issuer }】認証アプリが新しいスマートフォンに移行されました
mail-factor-moved-body =
    { $issuer } アカウントの認証アプリが新しいスマートフォンに設定されました。以前のスマートフォンのコードは使用できなくなりました。また、新しいリカバリーコードが発行され、これまでのリカバリーコードは使用できなくなりました。

    新しいリカバリーコードを安全な場所に保存したことをご確認ください。

    お心当たりのない場合は、第三者がアカウントにアクセスしている可能性があります。ただちにログイン画面の「パスワードをお忘れの方」から新しいパスワードを設定し、至急サポートまでお問い合わせください。

## Mail: two-factor authentication turned off

mail-factor-removed-subject = 【{ $issuer }】二段階認証が無効になりました
mail-factor-removed-body =
    { $issuer } アカウントの二段階認証が無効になりました。現在、アカウントはパスワードのみで保護されています。アカウントページから、再度有効にすることを強くおすすめします。

    お心当たりのない場合は、第三者がアカウントにアクセスしている可能性があります。ただちにログイン画面の「パスワードをお忘れの方」から新しいパスワードを設定し、至急サポートまでお問い合わせください。

## Mail: a recovery code was used

mail-recovery-used-subject = 【{ $issuer }】リカバリーコードでログインされました
mail-recovery-used-body =
    { $issuer } アカウントにリカバリーコードを使用してログインされました。各コードは一度だけ使用でき、残りは{ $remaining }個です。

    スマートフォンを紛失・機種変更された場合は、アカウントページの「新しいスマートフォンに移行する」から認証アプリを再設定し、リカバリーコードを再発行してください。

    お心当たりのない場合は、第三者がパスワードとリカバリーコードを入手している可能性があります。ただちにログイン画面の「パスワードをお忘れの方」から新しいパスワードを設定し、至急サポートまでお問い合わせください。

## Mail: new recovery codes

mail-recovery-regenerated-subject = 【{ $issuer }】リカバリーコードが再発行されました
mail-recovery-regenerated-body =
    { $issuer } アカウントのリカバリーコードが再発行されました。これまでのリカバリーコードは使用できなくなりました。新しいコードを安全な場所に保存したことをご確認ください。

    お心当たりのない場合は、第三者がアカウントにアクセスしている可能性があります。ただちにログイン画面の「パスワードをお忘れの方」から新しいパスワードを設定し、至急サポートまでお問い合わせください。

## Mail: locked after failed attempts

mail-locked-subject = 【{ $issuer }】安全のためログインを一時的にロックしました
mail-locked-body =
    { $issuer } アカウントへのログインの失敗が続いたため（最後の試行のIPアドレス：{ $ip }）、安全のため{ $minutes }分間ログインをロックしました。

    ご本人による操作の場合は、しばらく待ってからもう一度お試しください。パスワードをお忘れの場合は、ログイン画面の「パスワードをお忘れの方」をご利用ください。

    お心当たりのない場合は、第三者がパスワードを推測しようとしている可能性があります。ログイン画面の「パスワードをお忘れの方」から新しいパスワードを設定し、繰り返し発生する場合はサポートまでお問い合わせください。

## 本人確認写真: 送信前のチェック
account-photos = 本人確認の写真
account-photo-check = 送信前に写真をチェックする
photo-title = 送信前に写真をチェック
photo-intro = 写真を選ぶか撮影してください。すぐにチェックして直すべき点をお知らせするので、サポートから差し戻されることがありません。
photo-memo-intro = 本人確認セルフィーでは、本人確認書類の原本（コピー不可）を顔の横に持ち、次のことを手書きしたメモを写してください:
photo-memo-request = ご依頼の内容:
photo-memo-name = 本人確認書類と同じ氏名（フルネーム）
photo-memo-date = 本日の日付:
photo-kind = 写真の種類
photo-kind-selfie = 本人確認セルフィー（顔・書類・メモ）
photo-kind-document-front = 本人確認書類の表面
photo-kind-document-back = 本人確認書類の裏面
photo-kind-address-side = 現住所が記載された面
photo-name = 氏名（書類と同じ表記）
photo-file = 写真
photo-preview-alt = 選択した写真
photo-checking = 写真をチェックしています…
photo-ok = 問題ありません。この写真を送信できます。
photo-warn = この写真は送信できます。以下の点はサポートが確認します。
photo-blocked = 以下の点を直して、もう一度撮影してください。
photo-blocked-anyway = 以下の点がまだ問題として検出されています。できれば直してください。写真に問題がないと確信できる場合は、このまま送信してサポートに確認を任せることもできます。
photo-failed = 写真をチェックできませんでした。通信環境を確認して、もう一度お試しください。
photo-choose-again = 送信するには、写真をもう一度選んでください（選んだファイルはページに保持されません）。
photo-send-anyway = このまま送信する（サポートが目視で確認します）
photo-send = この写真を送信
photo-sent = 写真を送信しました。
photo-sent-title = 送信した写真
photo-none-sent = まだ写真を送信していません。
photo-sent-with-problems = 指摘事項ありで送信

## 写真で直すべき点（チェック結果の理由ごとに 1 つ）
photo-reason-exif_mirror_flag = カメラが写真を左右反転して保存しています。インカメラの「ミラー」設定をオフにして撮り直してください。
photo-reason-blurry = 写真がぼやけています。スマートフォンを固定し、画面をタップしてピントを合わせ、明るい場所で撮り直してください。
photo-reason-document_blurry = 書類がぼやけています。書類をタップしてピントを合わせ、撮り直してください。
photo-reason-glare_over_text = 光の反射で書類の一部が読めません。書類を少し傾けるか、照明や窓から離れて撮影してください。
photo-reason-glare_minor = 小さな反射があります。文字が読めれば問題ありません。
photo-reason-too_dark = 写真が暗すぎます。明るい場所で撮影してください。
photo-reason-too_bright = 写真が明るすぎます。直射光やフラッシュを避けてください。
photo-reason-document_not_found = 写真の中に書類が見つかりませんでした。書類全体が平らに、すべて写るようにしてください。
photo-reason-document_cut_off = 書類の一部が写真からはみ出しています。書類の四隅がすべて写るようにしてください。
photo-reason-document_too_small = 書類が小さく写っています。書類をカメラに近づけてください。
photo-reason-no_face = 顔が確認できませんでした。帽子やマスクを外し、顔全体が写るようにしてください。
photo-reason-several_faces = 複数の人が写っています。ご本人だけが写るようにしてください。
photo-reason-face_too_small = 顔が小さく写っています。カメラを近づけてください。
photo-reason-face_not_frontal = カメラを正面から見てください。
photo-reason-no_document_portrait = 書類の顔写真が確認できませんでした。書類の顔写真が見えるようにしてください。
photo-reason-mirrored_text = 写真が左右反転しています（書類の文字が裏返しに写っています）。インカメラの「ミラー」設定をオフにするか、背面カメラで撮影してください。
photo-reason-mirror_undetermined = 書類の文字を十分に読み取れなかったため確認できませんでした。サポートが確認します。
photo-reason-mrz_check_digits = パスポートの機械読取部分を確認できませんでした。鮮明に、すべて写るようにしてください。
photo-reason-mrz_unreadable = パスポート下部の機械読取部分を読み取れませんでした。鮮明に、すべて写るようにしてください。
photo-reason-memo_not_found = 手書きのメモが見つかりませんでした。メモ全体が写るように顔の横に持ってください。
photo-reason-memo_wrong_request = メモにご依頼の内容が書かれていません。上に表示されているとおりに書いてください。
photo-reason-memo_wrong_name = メモの氏名がご登録の氏名と一致しません。書類と同じ表記でフルネームを書いてください。
photo-reason-memo_wrong_date = メモの日付が本日の日付ではありません。上に表示されている本日の日付を書いてください。
photo-reason-memo_request_unreadable = メモのご依頼内容を読み取れませんでした。サポートが確認しますが、はっきり書くと確実です。
photo-reason-memo_name_unreadable = メモの氏名を読み取れませんでした。サポートが確認しますが、はっきり書くと確実です。
photo-reason-memo_date_unreadable = メモの日付を読み取れませんでした。サポートが確認しますが、はっきり書くと確実です。
photo-reason-text_covered = 指などで書類の文字が隠れている可能性があります。書類は端を持ってください。
photo-reason-possible_screen_or_print = 画面や印刷物を撮影した写真の可能性があります。書類の原本を撮影してください。

event-photo_submitted = 本人確認写真を送信
event-photo_viewed_by_staff = サポート担当者が本人確認写真を閲覧

error-photo_empty = ファイルが空です。写真を選んでください。
error-photo_too_large = 写真のサイズが大きすぎます（最大 30 MB）。
error-photo_unsupported_format = このファイル形式には対応していません。JPEG・PNG・WebP の写真を送信してください（iPhone の場合: 設定 › カメラ › フォーマット › 互換性優先）。
error-photo_too_many_pixels = 写真の画素数が多すぎます（最大 4000 万画素）。
error-photo_too_small = 写真が小さすぎてチェックできません。カメラの標準サイズで撮影してください。
error-photo_animated = アニメーション画像は使用できません。静止画を送信してください。
error-photo_truncated = ファイルが途中で切れています。もう一度撮影するか選び直してください。
error-photo_corrupt = ファイルが壊れているか、写真ではありません。もう一度撮影するか選び直してください。
error-photo_memory_limit = 写真が大きすぎてチェックできません。小さめの写真を送信してください。
error-photo_blocked = 送信する前に、表示された点を直してください。
error-photo_busy = ただいま多くの写真をチェックしています。少し待ってからもう一度お試しください。

## サポート担当者: 提出された本人確認写真
nav-agent-photos = 本人確認写真
agent-photos-title = 提出された本人確認写真
agent-photos-empty = まだ写真は提出されていません。
agent-customer = お客様
agent-review = 写真を確認
agent-audited = 本人確認写真の閲覧はすべてお客様のセキュリティ履歴に記録されます。
agent-checklist = チェックリスト（機械が事前入力、判断は担当者）
agent-findings = 機械のチェック結果
agent-check = チェック項目
agent-status = 結果
agent-reasons = 理由
agent-measured = 測定値 / しきい値
agent-skipped = 未チェック
agent-prefill-ok = 機械: 問題なし
agent-prefill-problem = 機械: 問題あり
agent-prefill-look = 機械: 判定不能、要確認
checklist-not_mirrored = 左右反転していない
checklist-sharp = 鮮明で文字が読める
checklist-no_glare_over_text = 文字に光の反射がかかっていない
checklist-nothing_covers_text = 指や物で文字・印影が隠れていない
checklist-original_document = 書類の原本である（コピー・印刷物・画面ではない）
checklist-document_complete = 書類全体が写っている
checklist-face_visible = 顔が 1 人分、正面、帽子なし
checklist-memo_request = メモにご依頼内容がある
checklist-memo_name = メモに登録氏名（フルネーム）がある
checklist-memo_date = メモに依頼日（再提出日）がある
