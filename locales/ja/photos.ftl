## 本人確認写真: 送信前チェックのページとサポート担当者の確認
## 英語の同名ファイルと同じメッセージ ID をすべて含めてください。

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
