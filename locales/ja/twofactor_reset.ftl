## 二段階認証のリセット（お客様のページ、担当者の確認画面）

login2fa-lost-link = 認証アプリもリカバリーコードもお手元にない場合：二段階認証をリセットする
nav-agent-resets = 二段階認証リセット

tfa-reset-title = 二段階認証のリセット
reset-intro = 認証アプリが使えなくなり、リカバリーコードも残っていない場合は、ご本人確認のうえで二段階認証をリセットします。パスワードは確認済みのため、お申し込みいただけるのはこのアカウントのリセットのみです。
reset-case = お申し込みの状況
reset-status-submitted = 受付済み：担当者の確認をお待ちください
reset-status-in_review = 担当者が確認しています
reset-status-refused = 承認できませんでした：下記の修正点をご確認ください
reset-status-waiting = 承認済み：リセット実行までの待機期間中です
reset-status-executed = 完了：次回ログイン時に二段階認証を再設定してください
reset-status-cancelled = 中止済み
reset-attempt = { $attempt }回目の提出
reset-delay-ends = 中止されない限り、{ $ends }にリセットを実行します。
reset-refused-because = お送りいただいた写真は、次の理由により承認できませんでした。
reset-next-retry = 上記の点を直して写真を撮り直し、もう一度お送りください。メモには、再提出する日の日付をご記入ください。
reset-next-support = この内容は再提出では解決できないため、サポート担当者からご連絡します。
reset-request-number = お問い合わせ番号：#{ $number }（ログインできるようになりましたら、「お問い合わせ履歴」でもご確認いただけます）
reset-sent = 写真を送信しました。担当者が確認し次第、メールでお知らせします。
reset-facts-matched = ご回答がご登録内容と一致しました。今後の流れをメールでお送りしましたので、ご確認ください。

reset-memo-title = 1. 手書きのメモを用意する
reset-memo-intro = 紙に、次の3行を表示どおりに手書きしてください。
reset-memo-request = ご依頼の内容：
reset-memo-name = 氏名（本人確認書類の記載どおり）：
reset-memo-date = 本日の日付：
reset-photo-title = 2. メモと本人確認書類を持って、ご自身の写真を1枚撮影する
reset-example-alt = よい写真の例：正面を向いた顔の横に本人確認書類、その下に手書きのメモが写り、すべての文字が読み取れる状態
reset-rule-face = 顔を正面に向け、帽子・マスク・サングラスは外してください。
reset-rule-original = 本人確認でご提出いただいた書類の原本をお使いください（コピー・印刷物・画面表示は不可）。
reset-rule-readable = 書類全体とメモ全体が写り、すべての文字が読み取れるようにしてください。
reset-rule-mirror = 写真が左右反転しないよう、インカメラの「ミラー」設定をオフにするか、背面カメラで撮影してください。
reset-rule-glare = 照明や窓の光が書類に反射しないよう、書類の向きを調整してください。
reset-rule-fingers = 文字・顔写真・印影に指がかからないようにしてください。
reset-rule-sharp = ピントを合わせ、手ぶれしないように撮影してください（画面をタップするとピントが合います）。
reset-selfie = 本人確認写真（セルフィー）
reset-address-side = 現住所が記載された面
reset-address-side-hint = ご登録の本人確認書類は、現住所が氏名とは別の面（裏面や別の書類）に記載されています。その面も撮影してください。
reset-send = 写真を送信する
reset-send-again = 写真を再提出する
reset-facts-title = 次の4つの質問のうち3つ以上にお答えください
reset-facts-intro = お客様のアカウントは書類による本人確認がお済みでないため、以前ご登録いただいた内容と照合します。3つ以上ご回答ください。なお、セキュリティのため、どの項目が一致しなかったかはお知らせしていません。
reset-facts-choose = 選択してください
reset-facts-send = 回答を送信する
reset-support = 照合できるご登録内容がないため、サポート担当者がお手続きをご案内します。
reset-support-link = サポートに問い合わせる
reset-safety = アカウントを守るため、お手続きの各段階でメールでお知らせします。承認後も、リセットの実行までに{ $hours }時間の待機期間があり、実行後もしばらくの間は出金を停止します。お心当たりのないお申し込みは、メール内の「身に覚えがない」リンクから中止できます。
reset-back-to-code = コードの入力に戻る

## 「身に覚えがない」

reset-stop-title = 二段階認証のリセットを中止する
reset-stop-intro = お客様のアカウントで、二段階認証のリセットが申し込まれました。お心当たりのない場合は、今すぐ中止してください。
reset-stop-freeze = 安全のため、中止するとアカウントを凍結し、すべてのセッションをログアウトします。凍結の解除をご希望の場合は、サポートまでお問い合わせください（改めてご本人確認を行います）。パスワードが第三者に知られている可能性があるため、凍結の解除後すぐにパスワードを変更してください。
reset-stop-button = 身に覚えがない：リセットを中止する
reset-stopped = リセットを中止し、アカウントを凍結しました。凍結の解除については、サポートまでお問い合わせください。
reset-stop-closed = このリセットはすでに中止または実行済みのため、中止できません。お心当たりのない場合は、至急サポートまでお問い合わせください。
reset-notice = お客様のアカウントで、二段階認証のリセットが申し込まれています。お心当たりのない場合は、今すぐ中止してください。
reset-notice-button = 身に覚えがない：リセットを中止する

## リセットを扱うお問い合わせ

reset-request-subject = 二段階認証のリセット
reset-request-body-selfie = 認証アプリが使えず、リカバリーコードもないため、二段階認証のリセットを申し込み、本人確認写真を提出しました。
reset-request-body-facts = 認証アプリが使えず、リカバリーコードもないため、二段階認証のリセットを申し込み、本人確認のための質問に回答しました。
reset-request-new-attempt = 写真が再提出されました（{ $attempt }回目）。
reset-note-approved = リセットを承認しました。アカウントの所有者が中止しない限り、待機期間の終了後に実行されます。
reset-note-refused = 写真を承認しなかったため、理由をメールでお客様に通知しました。
reset-note-first-approval = 1人目の承認が完了しました。このリセットには、もう1人の担当者の承認が必要です。
reset-note-stopped = アカウントの所有者が「身に覚えがない」としてリセットを中止しました。アカウントは凍結中です。
reset-note-done = 二段階認証をリセットしました。お客様は次回ログイン時に二段階認証を再設定します。セキュリティ待機期間中は出金を停止しています。

## 承認できない理由：何が問題で、どうすればよいか

reset-reason-face-not-visible = 顔が正面からはっきり写っていません。帽子・マスク・サングラスを外し、カメラに顔を向けて撮影してください。
reset-reason-not-original = 写真の書類が原本ではありません（コピー・印刷物・画面表示）。書類の原本を撮影してください。
reset-reason-text-unreadable = 書類の文字が読み取れません。書類全体が写り、ピントが合っていることをご確認ください。
reset-reason-memo-wrong = メモに、ご依頼の内容、本人確認書類の記載どおりの氏名、提出日の日付が正しく記載されていないか、読み取れません。ページに表示された3行を、表示どおりにはっきりとご記入ください。
reset-reason-mirrored = 写真が左右反転しています（文字が裏返しに写っています）。インカメラの「ミラー」設定をオフにするか、背面カメラで撮影してください。
reset-reason-glare = 書類に光が反射して文字が見えません。照明や窓の光が当たらない向きに書類を傾けてください。
reset-reason-covered = 指などが書類の文字・顔写真・印影にかかっています。書類の端を持って撮影してください。
reset-reason-blurred = 写真がぼやけています。スマートフォンをしっかり持ち、画面をタップしてピントを合わせてから撮影してください。
reset-reason-address-side-missing = 現住所が記載された面の写真が必要です。本人確認写真と一緒にお送りください。
reset-reason-not-the-holder = ご登録の本人確認書類の名義人ご本人であることを確認できませんでした。
reset-reason-short-face_not_visible = 顔が正面から写っていない
reset-reason-short-not_original = 原本ではない
reset-reason-short-text_unreadable = 文字が判読できない
reset-reason-short-memo_wrong = メモの誤り・判読不能
reset-reason-short-mirrored = 左右反転
reset-reason-short-glare = 文字に光の反射
reset-reason-short-covered = 文字・印影の隠れ
reset-reason-short-blurred = ぼやけ
reset-reason-short-address_side_missing = 住所面の不足
reset-reason-short-not_the_holder = 登録書類の名義人と確認できない（再提出不可）

## 担当者の一覧と確認画面

reset-queue-title = 二段階認証リセットの案件一覧
reset-queue-empty = 対応待ちのリセット案件はありません。
reset-way = 確認方法
reset-way-selfie = 本人確認写真
reset-way-facts = 登録情報の照合
reset-updated = 最終更新日時
reset-approvals-so-far = 承認済み{ $count }件
reset-review-title = 二段階認証リセット
reset-staff-account = スタッフのアカウント：管理者による判断と2人の承認が必要です
reset-approvals = 承認：{ $needed }件中{ $count }件
reset-image-selfie = 本人確認写真
reset-image-address_side = 住所面
reset-on-file = 登録済みの本人確認書類
reset-address-side-needed = 現住所は別の面に記載（住所面の提出が必要）
reset-on-file-none = このアカウントには確認済みの本人確認書類が登録されていません。
reset-facts-review = お客様の回答は、登録情報4項目のうち3項目以上と一致しました。お申し込みにほかの不審な点がない場合のみ承認してください。
reset-approve = リセットを承認する
reset-refuse = 選択した理由で承認しない
reset-earlier = これまでの提出
checklist-face_matches_document = 登録済みの書類の顔写真と同一人物である（氏名・生年月日も一致する）
checklist-address_side = 住所面が提出され、判読でき、登録情報の住所と一致する

hold-reason-twofactor_reset_stopped = 凍結：所有者による二段階認証リセットの中止（身に覚えがない）

hold-unfreeze-confirm = 所有者の本人確認を改めて行った（新しい本人確認写真または書類を確認済み）
hold-unfreeze = 凍結を解除する
error-hold_not_a_freeze = この方法で解除できるのは、所有者が「身に覚えがない」として行った凍結のみです。
error-hold_needs_admin = 所有者による凍結を解除できるのは管理者のみです。
error-hold_identity_not_checked = 解除する前に、所有者の本人確認を改めて行い、確認欄にチェックを入れてください。

## メール

mail-reset-requested-subject = 【{ $issuer }】二段階認証のリセットが申し込まれました
mail-reset-requested-body =
    お客様のアカウントに正しいパスワードが入力された後、二段階認証のリセットが申し込まれました。

    ご本人によるお申し込みの場合は、特に対応は必要ありません。担当者が確認し次第、メールでお知らせします。

    お心当たりのない場合は、以下の「身に覚えがない」ボタンから今すぐリセットを中止し、パスワードを変更してください。中止すると、サポート担当者が改めてご本人確認を行うまで、アカウントは凍結されます。
mail-reset-requested-action = 身に覚えがない：リセットを中止する
mail-reset-refused-subject = 【{ $issuer }】二段階認証のリセットを承認できませんでした
mail-reset-refused-body =
    二段階認証のリセットのためにお送りいただいた写真は、次の理由により承認できませんでした。

    { $reasons }

    { $next }
mail-reset-refused-action = 写真を再提出する
mail-reset-approved-subject = 【{ $issuer }】二段階認証のリセットを進めています
mail-reset-approved-body =
    二段階認証のリセットのお申し込みを承認しました。安全のため待機期間を設けており、リセットは{ $ends }に実行されます。

    お心当たりのない場合は、以下の「身に覚えがない」ボタンから今すぐ中止してください。中止すると、サポート担当者が改めてご本人確認を行うまで、アカウントは凍結されます。
mail-reset-approved-action = 身に覚えがない：リセットを中止する
mail-reset-done-subject = 【{ $issuer }】二段階認証をリセットしました
mail-reset-done-body =
    お客様のアカウントの二段階認証をリセットし、すべてのセッションをログアウトしました。これまでの認証アプリのコードとリカバリーコードは使用できなくなりました。

    次回ログイン時に、認証アプリで二段階認証を再設定してください。その際に新しいリカバリーコードが発行されますので、スマートフォンとは別の安全な場所に保管してください。

    安全のため、{ $until }まで出金を停止しています。
mail-reset-done-action = ログインする
mail-reset-stopped-subject = 【{ $issuer }】二段階認証のリセットを中止し、アカウントを凍結しました
mail-reset-stopped-body =
    「身に覚えがない」リンクから、お客様のアカウントの二段階認証のリセットが中止されました。安全のため、アカウントを凍結し、すべてのセッションをログアウトしました。

    凍結の解除をご希望の場合は、サポートまでお問い合わせください。改めてご本人確認を行ったうえで、凍結を解除します。また、パスワードが第三者に知られている可能性があるため、ログインできるようになりましたら、すぐにパスワードを変更してください。
mail-reset-stopped-action = サポートに問い合わせる

## エラー

error-reset_already_open = このアカウントでは、すでにリセットのお手続きが進んでいます。状況はこのページでご確認いただけます。
error-reset_selfie_missing = 本人確認写真を選択してください。
error-reset_address_side_missing = 現住所が記載された面の写真も選択してください。
error-reset_facts_path_only = お客様のアカウントは書類による本人確認がお済みでないため、写真ではなく質問へのご回答でお手続きください。
error-reset_selfie_path_only = お客様のアカウントは書類による本人確認がお済みのため、質問へのご回答ではなく、本人確認写真をお送りください。
error-reset_nothing_on_file = 照合できるご登録内容がありません。サポートまでお問い合わせください。
error-reset_facts_do_not_match = ご回答がご登録内容と一致しません。入力内容をご確認のうえ、もう一度お試しいただくか、サポートまでお問い合わせください。
error-reset_changed = この案件はほかの担当者によって更新されました。最新の状態を表示しています。
error-reset_not_in_review = この案件は判断待ちの状態ではありません。
error-reset_no_reason = 承認しない理由を1つ以上選んでください。
error-reset_not_refused = 写真を再提出できるのは、承認されなかった場合のみです。
error-reset_not_retryable = この内容は再提出では解決できないため、サポート担当者からご連絡します。
error-reset_facts_not_resent = このお申し込みでは、回答を再送信できません。
error-reset_same_approver = このリセットはすでにご自身が承認しています。2人目の承認は別の担当者が行う必要があります。
error-reset_delay_running = 待機期間がまだ終了していません。
error-reset_not_waiting = このリセットは実行待ちではありません。
error-reset_closed = このリセットはすでに終了しています。
error-reset_not_staff = リセットの判断はサポート担当者のみが行えます。
error-reset_own_account = ご自身のアカウントのリセットは判断できません。
error-reset_needs_admin = スタッフのアカウントのリセットは、管理者が判断する必要があります。
error-reset_checklist_incomplete = チェックリストのすべての項目で「問題なし」か「問題あり」を選択してください。
error-reset_checklist_failed = 承認するには、チェックリストのすべての項目が「問題なし」である必要があります。承認しない場合は、理由を選択して「選択した理由で承認しない」を押してください。
error-reset_link_invalid = このリンクは無効か、有効期限が切れています。
