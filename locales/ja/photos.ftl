## 本人確認写真: 送信前チェックのページとサポート担当者の確認
## 英語の同名ファイルと同じメッセージ ID をすべて含めてください。

## 本人確認写真: 送信前のチェック
account-photos = 本人確認写真
account-photo-check = 送信前に写真をチェックする
photo-title = 送信前に写真をチェック
photo-intro = 写真を選択するか、撮影してください。サポートからの差し戻しが必要にならないよう、その場でチェックして直すべき点をお知らせします。
photo-purpose = ご本人確認が必要な場合（二段階認証の解除など）にサポートからお願いする写真です。本人確認写真（ID セルフィー）または本人確認書類の各面を送信いただけます。送信した写真はサポート担当者が確認し、メールでご連絡します。
photo-memo-intro = 本人確認セルフィーでは、本人確認書類の原本（コピー不可）を顔の横に持ち、次の内容を手書きしたメモも一緒に写してください。
photo-memo-request = ご依頼の内容：
photo-memo-name = 氏名（本人確認書類と同じ表記のフルネーム）
photo-memo-date = 本日の日付：
photo-kind = 写真の種類
photo-kind-selfie = 本人確認セルフィー（顔・書類・メモ）
photo-kind-document-front = 本人確認書類の表面
photo-kind-document-back = 本人確認書類の裏面
photo-kind-address-side = 現住所が記載された面
photo-name = 氏名（書類と同じ表記）
photo-file = 写真
photo-choose = 写真を選択・撮影する
photo-preview-alt = 選択した写真
photo-checking = 写真をチェックしています…
photo-ok = 問題は見つかりませんでした。この写真を送信できます。
photo-warn = この写真は送信できます。以下の点については、サポートが確認します。
photo-blocked = 以下の点を直して、もう一度撮影してください。
photo-blocked-anyway = 以下の点が引き続き検出されています。可能であれば直してください。写真に問題がないことが確かな場合は、このまま送信してサポートに確認を任せることもできます。
photo-failed = 写真をチェックできませんでした。通信環境をご確認のうえ、もう一度お試しください。
photo-choose-again = 送信するには、写真をもう一度選択してください（選択したファイルはページに保持されません）。
photo-send-anyway = このまま送信する（サポートが目視で確認します）
photo-send = この写真を送信する
photo-sent = 写真を送信しました。
photo-just-sent = たった今 — 確認待ち
photo-waiting-for-review = 確認待ち
photo-sent-title = 送信済みの写真
photo-none-sent = 送信済みの写真はありません。
photo-sent-with-problems = 指摘事項ありで送信

## 写真で直すべき点（チェック結果の理由ごとに 1 つ）
photo-reason-exif_mirror_flag = カメラが写真を左右反転して保存しています。インカメラの「ミラー」設定をオフにして撮り直してください。
photo-reason-blurry = 写真がぼやけています。スマートフォンを固定し、画面をタップしてピントを合わせ、明るい場所で撮り直してください。
photo-reason-document_blurry = 書類がぼやけています。書類をタップしてピントを合わせ、撮り直してください。
photo-reason-glare_over_text = 光の反射で書類の一部が読めません。書類を少し傾けるか、照明や窓から離れて撮影してください。
photo-reason-glare_minor = わずかに光の反射があります。文字が読める状態であれば問題ありません。
photo-reason-glare_faded_text = 光の反射で書類の文字が薄く写っているようです。できれば、書類を照明から少し傾けて撮り直してください。
photo-reason-too_dark = 写真が暗すぎます。明るい場所で撮影してください。
photo-reason-too_bright = 写真が明るすぎます。強い光が直接当たらないようにし、フラッシュは使わずに撮影してください。
photo-reason-document_not_found = 写真の中に書類が見つかりませんでした。書類を平らにして、全体が写るようにしてください。
photo-reason-document_cut_off = 書類の一部が写真からはみ出しています。書類の四隅がすべて写るようにしてください。
photo-reason-document_too_small = 書類が小さく写っています。書類をカメラに近づけてください。
photo-reason-no_face = 顔が確認できませんでした。帽子やマスクを外し、顔全体が写るようにしてください。
photo-reason-several_faces = 複数の人が写っています。ご本人だけが写るようにしてください。
photo-reason-face_too_small = 顔が小さく写っています。カメラを近づけてください。
photo-reason-face_not_frontal = カメラを正面から見て撮影してください。
photo-reason-no_document_portrait = 書類の顔写真が確認できませんでした。書類の顔写真が見えるようにしてください。
photo-reason-mirrored_text = 写真が左右反転しています（書類の文字が裏返しに写っています）。インカメラの「ミラー」設定をオフにするか、背面カメラで撮影してください。
photo-reason-mirror_undetermined = 書類の文字を十分に読み取れなかったため、左右反転の有無を判定できませんでした。サポートが確認します。
photo-reason-mrz_check_digits = パスポートの機械読取部分を照合できませんでした。機械読取部分全体が鮮明に写るようにしてください。
photo-reason-mrz_unreadable = パスポート下部の機械読取部分を読み取れませんでした。機械読取部分全体が鮮明に写るようにしてください。
photo-reason-memo_not_found = 手書きのメモが見つかりませんでした。メモを顔の横に持ち、全体が写るようにしてください。
photo-reason-memo_wrong_request = メモにご依頼の内容が書かれていません。上に表示されているとおりに書いてください。
photo-reason-memo_wrong_name = メモの氏名がご登録の氏名と一致しません。書類と同じ表記でフルネームを書いてください。
photo-reason-memo_wrong_date = メモの日付が本日の日付ではありません。上に表示されている本日の日付を書いてください。
photo-reason-memo_request_unreadable = メモのご依頼内容を読み取れませんでした。サポートが確認しますが、確実に読み取れるよう、はっきりとお書きください。
photo-reason-memo_name_unreadable = メモの氏名を読み取れませんでした。サポートが確認しますが、確実に読み取れるよう、はっきりとお書きください。
photo-reason-memo_date_unreadable = メモの日付を読み取れませんでした。サポートが確認しますが、確実に読み取れるよう、はっきりとお書きください。
photo-reason-text_covered = 指などで書類の文字が隠れている可能性があります。書類は端を持って撮影してください。
photo-reason-possible_screen_or_print = 画面や印刷物を撮影した写真の可能性があります。書類の原本を撮影してください。

event-photo_submitted = 本人確認写真を送信
event-photo_viewed_by_staff = サポート担当者が本人確認写真を閲覧

error-photo_empty = ファイルが空です。写真を選択してください。
error-photo_too_large = 写真のファイルサイズが大きすぎます（上限：30MB）。
error-photo_unsupported_format = このファイル形式には対応していません。JPEG・PNG・WebP の写真を送信してください（iPhone の場合：設定 › カメラ › フォーマット › 互換性優先）。
error-photo_too_many_pixels = 写真の画素数が多すぎます（上限：4,000万画素）。
error-photo_too_small = 写真が小さすぎてチェックできません。縮小や切り抜きをせず、カメラで撮影したままのサイズでお送りください。
error-photo_animated = アニメーション画像は使用できません。静止画を送信してください。
error-photo_truncated = ファイルが途中で切れています。撮影し直すか、写真を選択し直してください。
error-photo_corrupt = ファイルが壊れているか、写真ではありません。撮影し直すか、写真を選択し直してください。
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
agent-checklist = チェックリスト（自動チェックの結果を事前入力済み。判断は担当者が行います）
agent-findings = 自動チェックの結果
agent-check = チェック項目
agent-status = 結果
agent-reasons = 理由
agent-measured = 測定値／しきい値
agent-skipped = 未チェック
agent-prefill-ok = 自動チェック：問題なし
agent-prefill-problem = 自動チェック：問題あり
agent-prefill-look = 自動チェック：判定不能（要確認）
checklist-not_mirrored = 左右反転していない
checklist-sharp = 鮮明で文字が読める
checklist-no_glare_over_text = 文字に光の反射がかかっていない
checklist-nothing_covers_text = 指や物で文字・印影が隠れていない
checklist-original_document = 書類の原本である（コピー・印刷物・画面ではない）
checklist-document_complete = 書類全体が写っている
checklist-face_visible = 顔が1人分のみ・正面向き・帽子なし
checklist-memo_request = メモに依頼内容の記載がある
checklist-memo_name = メモに本人確認書類と同じ氏名（フルネーム）の記載がある
checklist-memo_date = メモに依頼日（再提出の場合は再提出日）の記載がある

## 担当者の確認画面：自動チェックの各項目（担当者の言語で）

check-orientation = 向き
check-sharpness = ピント・鮮明さ
check-glare = 光の反射
check-exposure = 明るさ
check-document = 書類の写り込み
check-faces = 顔
check-mirrored = 左右反転
check-mrz = パスポートの機械読取部分
check-memo = 手書きのメモ
check-covered_text = 文字・印影の隠れ
check-screen_or_print = 原本ではなく画面・印刷物
agent-status-pass = 問題なし
agent-status-warn = 要確認
agent-status-fail = 問題あり
agent-told = お客様への案内
agent-measurements = 測定値（チェックの調整用）
skipped-ocr_unavailable = このサーバーでは文字の読み取りを利用できません
skipped-ocr_disabled = このチェックでは文字の読み取りを行っていません
skipped-no_document = 読み取る書類が見つかりませんでした
skipped-not_applicable = この種類の写真には該当しません
skipped-no_expectation = 照合する情報がありません
skipped-model_unavailable = このサーバーでは顔の検出モデルを利用できません
