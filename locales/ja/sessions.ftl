## セッション: ログイン、セッション一覧
## 英語の同名ファイルと同じメッセージ ID をすべて含めてください。

## Log in

login-title = ログイン
login-submit = ログイン
login-forgot = パスワードをお忘れの方
login-no-account = アカウントをお持ちでない方は新規登録
login2fa-title = 二段階認証
login2fa-intro = 認証アプリを開き、このアカウントの6桁のコードを入力してください。
login2fa-submit = 認証する
login2fa-lost = スマートフォンの紛失や機種変更で認証アプリのコードを確認できない場合は、リカバリーコードを入力してください。

## Sessions

sessions-started = 開始日時
sessions-from = IPアドレス
sessions-device = 端末
device-browser-on-os = { $os } の { $browser }
device-unknown = 不明な端末
sessions-this = 現在のセッション
sessions-end = ログアウトする
