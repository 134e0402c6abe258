## 本人確認（J5）：お客様のページ

verification-title = 本人確認
verification-your-tier = 現在の確認レベル：{ $tier }
verification-tier-unverified = 未確認
verification-tier-basic = ベーシック（基本情報）
verification-tier-enhanced = アドバンスト（本人確認書類）
verification-what-you-can-do = ご利用いただける機能を見る
verification-nothing-lost = 書類の提出やその結果によって、現在ご利用いただける機能が制限されることはありません。
verification-case = 本人確認の状況
verification-status-draft = 書類をご提出いただけます
verification-status-submitted = 提出済み（確認待ち）
verification-status-in_review = 担当者が確認しています
verification-status-approved = 承認済み
verification-status-refused = 承認できませんでした
verification-attempt = { $attempt }回目の提出
verification-refused-because = 次の理由により、ご提出いただいた書類を承認できませんでした。
verification-next-retry = お客様ご自身で、すぐに再提出いただけます。サポートへのお問い合わせは不要です。
verification-next-support = サポート担当者が確認のうえ、本人確認のお問い合わせでご案内します。現時点でご提出いただくものはありません。
verification-request-link = 本人確認のお問い合わせ（#{ $number }）
verification-list-separator = 、

## ベーシック：基本情報

verification-basic = ステップ1：基本情報（ベーシック）
verification-basic-intro = お客様の情報を、本人確認書類の記載どおりに入力してください。
verification-basic-done = 登録済みの情報：
verification-give-facts = 基本情報を登録する
verification-facts-saved = 基本情報を登録しました。確認レベルがベーシックになりました。
verification-facts-problems = 修正が必要な項目があります。各項目の下の案内をご確認ください。
verification-fact-country = お住まいの国・地域
verification-fact-latin-name = 氏名（ローマ字・書類の記載どおり）
verification-fact-latin-name-hint = 例：Hanako Yamada
verification-fact-native-name = 氏名（漢字・かな）
verification-fact-native-name-hint = 例：山田 花子。日本・中国・台湾・香港・韓国にお住まいの方は必須です。
verification-fact-date-of-birth = 生年月日
verification-fact-address = 現住所
verification-fact-phone = 電話番号
verification-fact-occupation = 職業
verification-fact-required = 入力してください。
verification-fact-not-latin = ローマ字（A〜Z）で、書類の記載どおりに入力してください。
verification-fact-too-long = 文字数が上限を超えています。
verification-fact-not-a-date = 正しい日付を入力してください。
verification-fact-too-young = 本人確認は18歳以上の方のみお手続きいただけます。
verification-fact-not-a-phone = 電話番号を7〜15桁の数字で入力してください（スペース・ハイフン・かっこ、先頭の「+」も使用できます）。
verification-fact-unknown-occupation = 一覧から職業をお選びください。
verification-fact-not-a-country = お住まいの国・地域をお選びください。
verification-occupation-employee = 会社員
verification-occupation-self_employed = 自営業・個人事業主
verification-occupation-executive = 会社役員
verification-occupation-public_servant = 公務員
verification-occupation-student = 学生
verification-occupation-homemaker = 専業主婦・主夫
verification-occupation-retired = 退職者
verification-occupation-unemployed = 無職
verification-occupation-other = その他

country-JP = 日本
country-US = アメリカ合衆国
country-GB = イギリス
country-CN = 中国
country-KR = 韓国
country-TW = 台湾
country-HK = 香港
country-SG = シンガポール
country-AU = オーストラリア
country-CA = カナダ
country-DE = ドイツ
country-FR = フランス

## アドバンスト：本人確認書類

verification-enhanced = ステップ2：本人確認書類（アドバンスト）
verification-enhanced-done = 本人確認が完了しました。確認レベルはアドバンストです。
verification-waiting = ご提出ありがとうございます。担当者が書類を確認しています。結果はメールでお知らせします。確認状況はこのページでもご覧いただけます。
verification-accepted-for = { $country }にお住まいの方にご利用いただける本人確認書類（撮影前にご確認ください）：
verification-photo-rules = コピー・印刷物・画面表示ではなく、書類の原本を撮影してください。書類を平らな場所に置き、四隅がすべて写るように、ピントを合わせて撮影してください。光の反射や指で文字が隠れないようご注意ください。
verification-document = 書類の種類
verification-expires-on = 有効期限
verification-expires-on-hint = 書類に記載されている有効期限を入力してください。パスポートの場合は入力不要です（機械読取部分から読み取ります）。
verification-side-photo_page = パスポートの顔写真のページ
verification-side-front = 表面
verification-side-back = 裏面
verification-side-address_side = 現住所が記載された書類・面
verification-side-hint-photo_page = 顔写真があり、下部に英数字と「<」が2行並んでいるページです。
verification-side-hint-front = 顔写真のある面です。
verification-side-hint-back = 顔写真のない面です。住所変更などの記載も含め、全体を撮影してください。
verification-side-hint-address_side = 顔写真の面に現住所の記載がない場合に、現住所が確認できる書類（または面）です。
verification-send = 書類を提出する
verification-sent = 書類を提出しました。担当者が確認します。確認状況はこのページでご覧いただけます。
verification-history = 提出履歴
verification-outcome-in_review = 確認中
verification-outcome-approved = 承認済み
verification-outcome-refused = 承認できませんでした
verification-outcome-cleared = サポートがリセットしました
verification-document-passport = パスポート
verification-document-drivers_license = 運転免許証
verification-document-residence_card = 在留カード
verification-document-my_number_card = マイナンバーカード
verification-document-national_id = 国民身分証明書

## 承認できなかった理由と、次にしていただくこと

verification-reason-document-not-accepted = この書類は、お住まいの国・地域（{ $country }）では本人確認書類としてご利用いただけません。次のいずれかをご提出ください：{ $accepted }
verification-reason-expired = 書類の有効期限が切れています。有効期限内の書類をご提出ください。
verification-reason-blurred = 写真がぼやけていて文字が読み取れません。明るい場所で、カメラをしっかり固定して撮り直してください。
verification-reason-glare = 光の反射で文字の一部が読み取れません。照明などの光が直接当たらない場所で、書類を少し傾けて撮り直してください。
verification-reason-cut-off = 書類の一部が写真からはみ出しています。四隅がすべて写るように撮り直してください。
verification-reason-side-missing = 必要な面の写真が足りません。この書類に必要なすべての面を撮影してご提出ください。
verification-reason-mrz-unreadable = パスポートの顔写真のページ下部にある2行の文字が読み取れません。ページを平らにし、2行全体がはっきり写るように撮り直してください。
verification-reason-mrz-invalid = パスポートの顔写真のページ下部にある2行の文字を正しく読み取れませんでした。ページを平らにし、ピントを合わせて撮り直してください。
verification-reason-name-mismatch = 書類の氏名が、ご登録の氏名と一致しません。ご本人名義の書類をご提出ください。氏名を変更された場合は、サポートまでお問い合わせください。
verification-reason-date-of-birth-mismatch = 書類の生年月日が、ご登録の生年月日と一致しません。ご登録内容を訂正するには、サポートまでお問い合わせください。
verification-reason-suspected-forgery = この書類では本人確認を完了できませんでした。今後のお手続きについては、サポート担当者からご連絡します。

## 本人確認を扱うお問い合わせ

verification-request-subject = 本人確認（アドバンスト）
verification-request-body = アドバンストの本人確認のため、本人確認書類を提出しました（{ $attempt }回目）。
verification-request-new-attempt = 書類が再提出されました（{ $attempt }回目）。

## メール

mail-verification-refused-subject = 【{ $issuer }】本人確認書類を承認できませんでした
mail-verification-refused-body =
    ご提出いただいた本人確認書類は、次の理由により承認できませんでした。

    { $reasons }

    { $next }

    現在ご利用いただける機能に変更はありません。
mail-verification-refused-action = 本人確認のページを開く
mail-verification-approved-subject = 【{ $issuer }】本人確認が完了しました
mail-verification-approved-body = ご提出いただいた本人確認書類を承認しました。確認レベルがアドバンストになりました。ご利用いただける機能は、アカウントページでご確認ください。
mail-verification-approved-action = 本人確認のページを開く
mail-verification-cleared-subject = 【{ $issuer }】本人確認をリセットしました
mail-verification-cleared-body =
    サポート担当者が本人確認をリセットしました。ご提出いただいた画像はすべて削除しました。

    本人確認のお手続きは、いつでも最初からやり直していただけます。
mail-verification-cleared-action = 本人確認のページを開く

## 担当者の確認画面

verification-checklist = チェックリスト（各項目を確認してください。自動チェックで問題が見つかった項目には印が付いています）
verification-review-sent-at = 提出日時
verification-review-outcome = 結果
verification-review-reasons = 理由
verification-review-title = 本人確認の案件
verification-review-facts = 登録情報
verification-review-document = 提出書類
verification-review-queue = 本人確認のお問い合わせ一覧
verification-mrz-name = 氏名（機械読取部分）
verification-mrz-number = 旅券番号
verification-mrz-nationality = 国籍
verification-mrz-check-digits = チェックディジット
verification-mrz-valid = すべて一致
verification-mrz-invalid = 不一致
verification-flag-name_mismatch = 機械読取部分の氏名が、登録情報の氏名と異なります。
verification-flag-date_of_birth_mismatch = 機械読取部分の生年月日が、登録情報の生年月日と異なります。
verification-flag-mrz_unreadable = 機械読取部分を読み取れませんでした。
verification-flag-mrz_invalid = 機械読取部分のチェックディジットが一致しません。
verification-flag-expiry_mismatch = 入力された有効期限が、機械読取部分の有効期限と異なります。
verification-flag-sent_anyway = 事前チェックで問題が検出された写真が、そのまま提出されています。
verification-check-original = 原本である（コピー・印刷物・画面表示ではない）
verification-check-readable = すべての項目が読める（ぼやけ・反射・隠れ・見切れがない）
verification-check-not_expired = 有効期限内である
verification-check-name_matches = 氏名が登録情報と一致する
verification-check-birth_date_matches = 生年月日が登録情報と一致する
verification-check-address_matches = 現住所が登録情報と一致する（必要に応じて現住所の記載面・書類で確認）
verification-check-not_tampered = 改ざんの形跡がない
verification-check-pass = 問題なし
verification-check-fail = 問題あり
verification-refuse-reasons = 承認しない場合の理由
verification-reason-short-document_not_accepted = 居住国・地域で対象外の書類
verification-reason-short-expired = 有効期限切れ
verification-reason-short-blurred = ぼやけ
verification-reason-short-glare = 文字に光の反射
verification-reason-short-cut_off = 見切れ
verification-reason-short-side_missing = 必要な面の不足
verification-reason-short-mrz_unreadable = 機械読取部分を読み取れない
verification-reason-short-mrz_invalid = 機械読取部分の不整合
verification-reason-short-name_mismatch = 氏名の不一致
verification-reason-short-date_of_birth_mismatch = 生年月日の不一致
verification-reason-short-suspected_forgery = 偽造の疑い（再提出不可。サポートが対応）
verification-approve = 承認する
verification-refuse = 承認しない
verification-clear = 案件をリセットする
verification-clear-hint = リセットすると、この案件の画像がすべて削除され、お客様は最初から手続きをやり直せます。お客様にはメールで通知されます。
verification-images-deleted = 画像削除済み

## エラー

error-verification_facts_invalid = 入力内容に修正が必要な項目があります。
error-verification_facts_fixed = 登録済みの基本情報は変更できません。変更をご希望の場合は、サポートまでお問い合わせください。
error-verification_facts_first = 先に基本情報（ステップ1）を登録してください。
error-verification_already_verified = 本人確認はすでに完了しています。
error-verification_in_review = 担当者が書類を確認しています。結果が出るまでお待ちください。
error-verification_not_retryable = 本人確認については、サポート担当者が対応しています。本人確認のお問い合わせで、担当者からのご案内をご確認ください。
error-verification_side_missing = この書類に必要なすべての面の写真をご提出ください。
error-verification_expiry_invalid = 書類の有効期限を正しく入力してください。
error-verification_unknown_document = 一覧から書類をお選びください。
error-verification_case_changed = この案件は、画面を開いた後に更新されています。最新の内容をご確認のうえ、もう一度操作してください。
error-verification_checklist_incomplete = 承認するには、チェックリストのすべての項目が「問題なし」である必要があります。
error-verification_no_reason = 承認しない理由を1つ以上選んでください。
error-verification_not_in_review = 判断できるのは確認中の案件のみです。
error-verification_approved = 承認済みの案件はリセットできません。
error-hold_system = この制限はセキュリティルールにより自動で設定されたため、期限まで解除できません。
error-hold_not_yours = この制限は、設定した担当者のみ解除できます。
error-hold_ended = この制限はすでに終了しています。

## 制限（担当者のコンソール）

hold-add = このアカウントに利用制限を設定する
hold-scope = 制限する操作
hold-reason = 理由
hold-reason-security_review = セキュリティ確認
hold-reason-customer_request = お客様からの依頼
hold-reason-suspected_fraud = 不正の疑い
hold-reason-legal_order = 法令等に基づく要請
hold-reason-twofactor_reset = 二段階認証リセット後のセキュリティ待機期間
hold-hours = 制限する時間数（空欄の場合は解除するまで）
hold-lift = 解除する
hold-system = セキュリティルールによる設定

## サービストークン（管理者）

tokens-title = サービストークン
tokens-intro = 取引所の他のサービスが、アカウントで利用できる機能を keydesk に問い合わせるためのトークンです（GET /api/v1/accounts/{"{"}id{"}"}/capabilities）。トークンは作成時に一度だけ表示され、keydesk にはハッシュ値のみが保存されます。
tokens-created = このトークンを今すぐコピーしてください。今後は表示されません。
tokens-name = 名前
tokens-scope = スコープ
tokens-create = トークンを作成する
tokens-created-at = 作成日時
tokens-last-used = 最終使用日時
tokens-revoked = 失効済み
tokens-revoke = 失効させる

## 監査イベント

event-verification_facts_given = 本人確認の基本情報を登録
event-verification_submitted = 本人確認書類を提出
event-verification_decided = 本人確認の判定
event-verification_image_viewed_by_staff = サポート担当者が本人確認書類の画像を閲覧
event-verification_case_viewed_by_staff = サポート担当者が本人確認の提出内容を閲覧
event-hold_added = アカウントの利用制限を設定
event-hold_lifted = アカウントの利用制限を解除
event-service_token_created = サービストークンの作成
event-service_token_revoked = サービストークンの失効
