## エラーメッセージ（エラーコードごとに 1 つ: error-<code>）
## 英語の同名ファイルと同じメッセージ ID をすべて含めてください。

## Errors

error-title = エラーが発生しました
error-email_empty = メールアドレスを入力してください。
error-email_too_long = メールアドレスが長すぎます。内容をご確認のうえ、もう一度お試しください。
error-email_invalid = メールアドレスの形式が正しくありません。name@example.com のような形式でご入力ください。
error-password_too_short = パスワードは10文字以上で入力してください。長めのフレーズにすると覚えやすくなります。
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
error-locked = 失敗が続いたため、アカウント保護の措置として{ $minutes }分間（{ $until }まで）ロックしました。詳しくはお送りしたメールをご確認ください。
error-token_invalid = このリンクは無効です。最新のメールのリンクをご利用いただくか、新しいリンクをリクエストしてください。
error-token_expired = このリンクは有効期限が切れています。新しいリンクをリクエストしてください。
error-token_used = このリンクはすでに使用されています。必要な場合は、新しいリンクをリクエストしてください。
error-csrf_failed = セキュリティのため、このフォームの有効期限が切れました。ページを再読み込みして、もう一度お試しください。
error-unauthenticated = 続けるにはログインしてください。
error-second_factor_required = ログインを完了するには、認証アプリのコードを入力してください。
error-enrollment_required = 続けるには、二段階認証を有効にしてください。
error-forbidden = この操作を行う権限がありません。
error-not_found = ページが見つかりませんでした。URLをご確認ください。
error-method_not_allowed = このページはこの方法では利用できません。前のページに戻って、もう一度お試しください。
error-no_pending_enrollment = この設定手続きは有効期限が切れたか、キャンセルされています。最初からやり直してください。
error-factor_already_active = 二段階認証はすでに有効です。新しいスマートフォンを使う場合は、アカウントページの「新しいスマートフォンに移行する」をご利用ください。
error-no_factor = このアカウントでは二段階認証が有効になっていません。
error-proof_required = 移行を確定するため、現在の認証アプリのコードまたはリカバリーコードを入力してください。
error-disable_not_allowed = このアカウントでは二段階認証が必須のため、無効にできません。機種変更の場合は「新しいスマートフォンに移行する」をご利用ください。
error-payload_too_large = 一度に送信できるデータ量の上限を超えています。データ量を減らして、もう一度お送りください。
error-unsupported_media_type = 送信されたデータの形式には対応していません。前のページに戻り、ページ内のフォームからお送りください。
error-bad_request = リクエストを処理できませんでした。ページを再読み込みして、もう一度お試しください。
error-conflict = ほかの画面で同時に変更が行われました。ページを再読み込みして、もう一度お試しください。
error-internal = システムエラーが発生しました。数分後にもう一度お試しください。問題が続く場合は、サポートまでお問い合わせください。

## The help desk

error-desk_unknown_category = 指定されたカテゴリーはありません。一覧からお選びください。
error-desk_form_invalid = 入力内容をご確認ください。各項目の下に詳細を表示しています。
error-desk_attachment_empty = ファイル「{ $name }」は空です。もう一度選択してください。
error-desk_attachment_too_large = ファイル「{ $name }」は{ $max }MBを超えています。{ $max }MB以下のファイルをお送りください。
error-desk_attachment_type = ファイル「{ $name }」は画像（JPEG、PNG、WebP）またはPDFではありません。添付できるのはこれらの形式のみです。
error-desk_attachment_corrupt = ファイル「{ $name }」を読み込めません。破損しているか、途中までしか保存されていない可能性があります。ファイルを保存し直すか、撮影し直してお送りください。
error-desk_attachments_too_many = 添付できるファイルは{ $max }件までです。
error-desk_request_changed = このお問い合わせは、画面を開いた後に変更されています。下記の変更内容をご確認のうえ、もう一度操作してください。
error-desk_request_closed = このお問い合わせは終了しているため、変更できません。
error-desk_status_refused = この状況には変更できません。
error-desk_confirm_invalid = このリンクはご利用いただけません。すでに使用されているか、有効期限が切れているか、URLが途中で切れている可能性があります。お問い合わせがまだ届いていない場合は、お手数ですが改めてお送りください。
error-desk_rating_closed = このご回答は評価できなくなりました。お問い合わせが再開されたか、終了しています。
error-desk_rating_comment_too_long = コメントは2,000文字以内でご入力ください。
error-desk_rating_score = 「良い」または「良くない」をお選びください。
error-desk_reply_empty = メッセージを入力してください。
error-desk_unknown_assignee = お問い合わせを割り当てられるのはサポート担当者のみです。
error-desk_macro_invalid = このマクロは記述に誤りがあるため使用できません。差し込み項目をご確認ください。
error-desk_webhook_invalid = Webhook には、https:// で始まるURLと、1つ以上の有効なイベントの指定が必要です。
