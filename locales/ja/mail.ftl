## keydesk が送るすべてのメール
## 英語の同名ファイルと同じメッセージ ID をすべて含めてください。

## Mails: common parts

mail-greeting = お客様
mail-footer = このメールは { $issuer } から自動送信しています。このメールへのご返信は確認できませんので、お困りの際は { $help_url } をご覧ください。
mail-when-where = 日時：{ $when }　端末：{ $device }（IPアドレス { $ip }）

## Mail: confirm the email address

mail-verify-subject = 【{ $issuer }】メールアドレス確認のお願い
mail-verify-body =
    { $issuer } にご登録いただきありがとうございます。以下のリンクから、メールアドレスの確認を完了してください。

    リンクは一度しか使用できず、有効期限も短く設定されています。お心当たりのない場合は、このメールを破棄してください。
mail-verify-action = メールアドレスを確認する

## Mail: sign-up with an address that already has an account

mail-signup-existing-subject = 【{ $issuer }】お客様のメールアドレスで新規登録が試みられました
mail-signup-existing-body =
    このメールアドレスで { $issuer } の新規登録が試みられました。すでにアカウントをお持ちのため、新しいアカウントは作成されておらず、登録内容にも変更はありません。

    ご本人による操作の場合は、既存のアカウントでログインしてください。パスワードをお忘れの場合は、以下のリンクから新しいパスワードを設定できます。

    お心当たりのない場合は、特に対応は必要ありません。ご不安な場合は、ログイン画面の「パスワードをお忘れの方」から新しいパスワードを設定し、サポートまでお問い合わせください。
mail-signup-existing-action = パスワードを再設定する

## Mail: password reset link

mail-password-reset-subject = 【{ $issuer }】パスワード再設定のご案内
mail-password-reset-body =
    { $issuer } アカウントのパスワード再設定のリクエストを受け付けました。以下のリンクから新しいパスワードを設定してください。リンクは一度しか使用できず、有効期限も短く設定されています。

    二段階認証は引き続き有効です。再設定後のログインにも、認証アプリのコードまたはリカバリーコードが必要です。

    お心当たりのない場合は、このメールを破棄してください。パスワードは変更されません。このメールが繰り返し届く場合は、サポートまでお問い合わせください。
mail-password-reset-action = 新しいパスワードを設定する

## Mail: password changed

mail-password-changed-subject = 【{ $issuer }】パスワードが変更されました
mail-password-changed-body =
    { $issuer } アカウントのパスワードが変更されました（IPアドレス：{ $ip }）。ほかのセッションはすべてログアウトしました。

    ご本人による変更の場合は、特に対応は必要ありません。

    お心当たりのない場合は、第三者がアカウントにアクセスしている可能性があります。ただちにログイン画面の「パスワードをお忘れの方」から新しいパスワードを設定し、至急サポートまでお問い合わせください。

## Mail: two-factor authentication turned on

mail-factor-added-subject = 【{ $issuer }】二段階認証が有効になりました
mail-factor-added-body =
    { $issuer } アカウントの二段階認証が有効になりました。今後のログインには、認証アプリのコードが必要です。

    リカバリーコードとセットアップキーは、スマートフォンとは別の安全な場所に保管してください。これらがあれば、スマートフォンの紛失や機種変更の際も、サポートに問い合わせることなくログインし、認証アプリを再設定できます。

    お心当たりのない場合は、ただちにログイン画面の「パスワードをお忘れの方」から新しいパスワードを設定し、サポートまでお問い合わせください。

## Mail: authenticator moved to a new phone

mail-factor-moved-subject = 【{ $issuer }】認証アプリが新しいスマートフォンに移行されました
mail-factor-moved-body =
    { $issuer } アカウントの認証アプリが新しいスマートフォンに設定されました。以前のスマートフォンに表示されるコードは使用できなくなりました。また、新しいリカバリーコードが発行されたため、これまでのリカバリーコードも使用できなくなりました。

    新しいリカバリーコードを安全な場所に保管したか、ご確認ください。

    お心当たりのない場合は、第三者がアカウントにアクセスしている可能性があります。ただちにログイン画面の「パスワードをお忘れの方」から新しいパスワードを設定し、至急サポートまでお問い合わせください。

## Mail: two-factor authentication turned off

mail-factor-removed-subject = 【{ $issuer }】二段階認証が無効になりました
mail-factor-removed-body =
    { $issuer } アカウントの二段階認証が無効になりました。現在、アカウントはパスワードのみで保護されています。アカウントページから、再度有効にすることを強くおすすめします。

    お心当たりのない場合は、第三者がアカウントにアクセスしている可能性があります。ただちにログイン画面の「パスワードをお忘れの方」から新しいパスワードを設定し、至急サポートまでお問い合わせください。

## Mail: a recovery code was used

mail-recovery-used-subject = 【{ $issuer }】リカバリーコードでログインされました
mail-recovery-used-body =
    { $issuer } アカウントにリカバリーコードを使用してログインされました。リカバリーコードは1つにつき一度しか使用できません。残りは{ $remaining }個です。

    スマートフォンの紛失や機種変更の際は、アカウントページの「新しいスマートフォンに移行する」から認証アプリを再設定し、リカバリーコードを再発行してください。

    お心当たりのない場合は、第三者がパスワードとリカバリーコードを入手している可能性があります。ただちにログイン画面の「パスワードをお忘れの方」から新しいパスワードを設定し、至急サポートまでお問い合わせください。

## Mail: new recovery codes

mail-recovery-regenerated-subject = 【{ $issuer }】リカバリーコードが再発行されました
mail-recovery-regenerated-body =
    { $issuer } アカウントのリカバリーコードが再発行されました。これまでのリカバリーコードは使用できなくなりました。新しいコードを安全な場所に保管したか、ご確認ください。

    お心当たりのない場合は、第三者がアカウントにアクセスしている可能性があります。ただちにログイン画面の「パスワードをお忘れの方」から新しいパスワードを設定し、至急サポートまでお問い合わせください。

## Mail: locked after failed attempts

mail-locked-subject = 【{ $issuer }】安全のためログインを一時的にロックしました
mail-locked-body =
    { $issuer } アカウントへのログインの失敗が続いたため（最後の試行：{ $device }、IPアドレス { $ip }）、アカウント保護の措置として{ $minutes }分間（{ $until }まで）ログインをロックしました。

    ご本人による操作の場合は、しばらく待ってからもう一度お試しください。パスワードをお忘れの場合は、ログイン画面の「パスワードをお忘れの方」をご利用ください。

    お心当たりのない場合は、第三者がパスワードを推測しようとしている可能性があります。ログイン画面の「パスワードをお忘れの方」から新しいパスワードを設定し、繰り返し発生する場合はサポートまでお問い合わせください。

## メール：コードの誤りによるロック（パスワードは正しかった）

mail-locked-second-factor-subject = 【{ $issuer }】正しいパスワードの後に誤ったコードが続いたため、ログインをロックしました
mail-locked-second-factor-body =
    { $issuer } アカウントに正しいパスワードが入力された後、二段階認証のコードの誤りが続いたため（最後の試行：{ $device }、IPアドレス { $ip }）、アカウント保護の措置として{ $minutes }分間（{ $until }まで）ログインをロックしました。

    ご本人による操作の場合（スマートフォンの機種変更や時刻のずれなど）は、しばらく待ってからもう一度お試しいただくか、リカバリーコードをご利用ください。

    お心当たりのない場合は、パスワードが第三者に知られています。二段階認証によってログインは防がれましたが、今すぐログイン画面の「パスワードをお忘れの方」からパスワードを変更し、同じパスワードをほかのサービスで使わないでください。

## Mails: the help desk. Every subject carries the request's number.

mail-desk-received-subject = 【#{ $number }】お問い合わせを受け付けました
mail-desk-received-body =
    お問い合わせ（#{ $number }）を受け付けました。サポート担当者が確認しております。

    { $visitor ->
        [yes] このメールアドレス宛てにご回答いたします。
       *[no] お問い合わせの内容はページでいつでも確認・追記できます。進展がありましたら、このメールアドレスにお知らせします。
    }
mail-desk-received-action = お問い合わせ #{ $number } を見る
mail-desk-confirm-subject = 【#{ $number }】お問い合わせ送信のため、メールアドレスの確認をお願いします
mail-desk-confirm-body =
    このメールアドレスで { $issuer } サポートへのお問い合わせがありました。担当者がお問い合わせを確認できるよう、以下のボタンからご本人のメールアドレスであることを確認してください。

    お心当たりのない場合は、このメールを破棄してください。お問い合わせは閲覧されないまま削除されます。
mail-desk-confirm-action = 確認してお問い合わせ #{ $number } を送信する
mail-desk-reply-subject = 【#{ $number }】{ $issuer } サポートからのご返信
mail-desk-reply-body =
    { $reply }
mail-desk-reply-action = お問い合わせ #{ $number } を見て返信する
mail-desk-solved-subject = 【#{ $number }】お問い合わせが解決済みになりました
mail-desk-solved-body =
    お問い合わせ（#{ $number }）は解決済みになりました。

    まだ解決していない点がございましたら、お問い合わせのページからご返信ください。お問い合わせが再開されます。{ $days }日後に自動的に終了します。
mail-desk-solved-action = お問い合わせ #{ $number } を見る
mail-desk-reminder-subject = 【#{ $number }】ご返信をお待ちしております
mail-desk-reminder-body =
    お問い合わせ（#{ $number }）について、サポート担当者からお客様にご確認をお願いしております。ご返信をいただき次第、対応を進めます。

    お問い合わせのページからご返信ください。
mail-desk-reminder-action = お問い合わせ #{ $number } に返信する
