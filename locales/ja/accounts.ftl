## アカウント: 登録、メールアドレスの確認、パスワード、アカウントページ、セキュリティイベント
## 英語の同名ファイルと同じメッセージ ID をすべて含めてください。

## Landing page

landing-title = アカウントを安全に守りましょう
landing-intro = 新規登録またはログインして、パスワード、二段階認証、リカバリーコードを管理できます。

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

## Password reset

forgot-title = パスワード再設定
forgot-intro = アカウントのメールアドレスを入力してください。新しいパスワードを設定するためのリンクをお送りします。
forgot-submit = 再設定用リンクを送信する
forgot-sent-title = メールをご確認ください
forgot-sent-body = 入力されたメールアドレスのアカウントが存在する場合は、パスワード再設定用のリンクをお送りしました。リンクは一度しか使用できず、有効期限も短く設定されています。メールが届かない場合は、迷惑メールフォルダもご確認ください。
reset-title = 新しいパスワードの設定
reset-submit = 新しいパスワードを保存する
reset-done-title = パスワードを変更しました
reset-done-body = 新しいパスワードを保存し、すべてのセッションをログアウトしました。新しいパスワードでログインしてください。二段階認証を有効にしている場合は、ログイン時に引き続き認証アプリのコードまたはリカバリーコードが必要です。

## Password change

pwchange-title = パスワードの変更
pwchange-submit = パスワードを変更する
pwchange-done-title = パスワードを変更しました
pwchange-done-body = パスワードを変更しました。ほかのセッションはすべてログアウトしました。現在のセッションは、ログインしたままご利用いただけます。

## Account page

account-title = アカウント
account-2fa = 二段階認証
account-2fa-on = 二段階認証は有効です。ログインにはパスワードと認証アプリのコードが必要です。
account-2fa-off = 二段階認証は無効です。パスワードを知られると、第三者にログインされてしまいます。今すぐ有効にしてください。
account-codes-remaining = リカバリーコードの残り：{ $remaining }個
account-codes-low = リカバリーコードの残りが{ $remaining }個になりました。スマートフォンを紛失してもログインできるよう、今すぐ新しいコードを発行してください。
account-after-recovery-login = リカバリーコードでログインしました。スマートフォンがお手元にない場合は、下の「新しいスマートフォンに移行する」から、今すぐ新しいスマートフォンに認証アプリを設定してください。新しいリカバリーコードも発行されます。
account-move = 新しいスマートフォンに移行する
account-regenerate = リカバリーコードを再発行する
account-disable = 二段階認証を無効にする
account-enroll = 二段階認証を有効にする
account-password = パスワード
account-change-password = パスワードを変更する
account-sessions = ログイン中のセッション
account-logout-everywhere = 現在のセッションを含む、すべてのセッションからログアウトする
account-recent-events = 最近のセキュリティ履歴
account-all-events = すべてのセキュリティ履歴を見る

## Security events

events-title = セキュリティ履歴
events-intro = アカウントに関する重要な操作の履歴です。身に覚えのない操作があった場合は、パスワードを変更し、サポートまでお問い合わせください。
events-when = 日時
events-what = 内容
events-from = IPアドレス

## Security event descriptions

event-sign_up = アカウント登録
event-email_verified = メールアドレスの確認
event-login_password = ログイン時のパスワード認証に成功
event-login_password_failed = ログイン失敗（パスワード誤り）
event-login_second_factor = 二段階認証でログイン
event-login_second_factor_failed = ログイン失敗（認証アプリのコード誤り）
event-confirmation_code_failed = 二段階認証の変更を確認する際に、誤ったコードが入力されました（ログインではありません）
event-logout = ログアウト
event-logout_everywhere = すべてのセッションからログアウト
event-session_ended = アカウントページから1つのセッションをログアウト
event-totp_enrolled = 二段階認証の有効化
event-totp_moved = 認証アプリを新しいスマートフォンに移行
event-totp_removed = 二段階認証の無効化
event-recovery_code_used = リカバリーコードの使用
event-recovery_codes_regenerated = リカバリーコードの再発行
event-locked = 失敗が続いたためロック
event-password_changed = パスワードの変更
event-password_reset_requested = パスワード再設定のリクエスト
event-password_reset = メールのリンクによるパスワード再設定
event-language_changed = 表示言語の変更
event-time_zone_changed = タイムゾーンを変更
event-account_created_by_operator = 当社スタッフによるアカウント作成
event-api_token_issued = APIアクセストークンの発行

## Time zones a customer may choose

account-time-zone = タイムゾーン
account-time-zone-label = このサイトとメールでの日時の表示
account-time-zone-default = 言語に合わせる
account-time-zone-save = 保存する
tz-Asia-Tokyo = 日本（東京）
tz-UTC = 協定世界時（UTC）
tz-Asia-Seoul = 韓国（ソウル）
tz-Asia-Shanghai = 中国（上海）
tz-Asia-Singapore = シンガポール
tz-Asia-Kolkata = インド（コルカタ）
tz-Australia-Sydney = オーストラリア（シドニー）
tz-Europe-London = イギリス（ロンドン）
tz-Europe-Paris = 中央ヨーロッパ（パリ）
tz-America-New_York = 米国東部（ニューヨーク）
tz-America-Chicago = 米国中部（シカゴ）
tz-America-Los_Angeles = 米国太平洋（ロサンゼルス）

## What the account may do now (its tier and holds)

account-capabilities = 現在ご利用いただける機能
capability-log_in = ログイン
capability-deposit = 入金
capability-trade = 取引
capability-withdraw = 出金
capability-allowed = ご利用いただけます。
capability-allowed-limit = 1日あたり{ $amount }円までご利用いただけます。
capability-needs-tier = { $tier }の本人確認が完了するとご利用いただけます。
account-verification-link = 本人確認（現在の確認レベル、ご利用いただける書類、書類の提出）
capability-in-review = 本人確認書類を確認しています。
capability-held-until = アカウント保護のため、{ $until }まで制限しています。
capability-held = アカウント保護のため制限しています。お問い合わせ履歴をご確認いただくか、サポートまでお問い合わせください。
