## 運用者向けページ
## 英語の同名ファイルと同じメッセージ ID をすべて含めてください。

## Mail outbox (staff)

outbox-title = 送信メール
outbox-empty = 送信されたメールはまだありません。
outbox-when = 送信日時
outbox-to = 宛先
outbox-subject = 件名
outbox-to-line = 宛先：{ $to }
