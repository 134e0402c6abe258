## すべてのページで共有: ナビゲーション、レイアウト、フォーム項目
## 英語の同名ファイルと同じメッセージ ID をすべて含めてください。

## Navigation and layout

nav-home = ホーム
nav-continue = 次へ
nav-back = 戻る
nav-account = アカウント
nav-events = セキュリティ履歴
nav-outbox = 送信メール
nav-logout = ログアウト
nav-login = ログイン
nav-signup = 新規登録
nav-other-language = English
footer = 当社からパスワード、認証アプリのコード、リカバリーコードをお尋ねすることは一切ありません。当社スタッフを含め、誰にも教えないでください。
verify-banner = アカウントの安全に関する大切なお知らせをお届けするため、メールアドレスの確認を完了してください。
verify-resend = 確認メールを再送信する

## Form fields

form-email = メールアドレス
form-password = パスワード
form-current-password = 現在のパスワード
form-new-password = 新しいパスワード
form-code = 認証アプリに表示される6桁のコード
form-code-or-recovery = 認証アプリのコード、またはリカバリーコード
password-hint = 10文字以上で入力してください。ご自身だけが知っている長めのフレーズは、覚えやすく推測されにくいのでおすすめです。メールアドレスは使用できません。
