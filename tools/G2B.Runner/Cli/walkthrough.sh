#!/usr/bin/env bash
# The suite's main journey through the gateway, step by step: copy-paste each block, or run it
# whole with `bash tools/G2B.Runner/Cli/walkthrough.sh` while ./run.sh runs. Needs curl, jq, openssl.
set -euo pipefail
G=${G2B_GATEWAY:-http://127.0.0.1:8080}
JSON='Content-Type: application/json'

# 1. Tokens from the development identity provider (local runs only; docs/identity.md).
BIZ=$(curl -sf -X POST "$G/dev/token" -H "$JSON" -d '{"subject":"user-1","role":"business"}' | jq -r .accessToken)
REG=$(curl -sf -X POST "$G/dev/token" -H "$JSON" -d '{"subject":"regulator-1","role":"regulator"}' | jq -r .accessToken)

# 2. Register a company (tax id: 12 digits; it must be unique, hence the random one).
TAX=$(printf '%06d%06d' $((RANDOM % 1000000)) $((RANDOM % 1000000)))
RN=$(curl -sf -X POST "$G/api/companies" -H "Authorization: Bearer $BIZ" -H "$JSON" -d '{
  "legalName": "Demo Trading '"$TAX"'", "legalForm": "LLC", "taxId": "'"$TAX"'",
  "address": { "line1": "1 Magtymguly Avenue", "city": "Ashgabat", "country": "TM" },
  "activityCodes": ["47.11"] }' | jq -r .registrationNumber)
echo "registered company $RN"

# 3. The licence-type catalogue (anyone); pick a type this company may hold that needs no review.
curl -sf "$G/api/licence-types" | jq -c '.[] | {code, fee, currency, requiresReview}'
TYPE=$(curl -sf "$G/api/licence-types" | jq -r \
  '[.[] | select(.requiresReview == false and ((.eligibleActivityCodes | length) == 0 or (.eligibleActivityCodes | index("47.11"))))][0].code')

# 4. Apply (an Idempotency-Key makes a retry safe).
APP=$(curl -sf -X POST "$G/api/applications" -H "Authorization: Bearer $BIZ" -H "$JSON" \
  -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" \
  -d '{"registrationNumber":"'"$RN"'","licenceType":"'"$TYPE"'"}' | jq -r .applicationId)
echo "application $APP for $TYPE"

# 5. The invoice: its payment reference reaches the application through events, so poll briefly.
for _ in $(seq 30); do
  REF=$(curl -sf "$G/api/applications/$APP" -H "Authorization: Bearer $BIZ" | jq -r '.paymentReference // empty')
  [ -n "$REF" ] && break; sleep 1
done
curl -sf "$G/api/invoices/$REF" -H "Authorization: Bearer $BIZ" | jq .

# 6. Pay as the demo bank would: a signed confirmation (HMAC-SHA256 over "<t>.<body>").
INVOICE=$(curl -sf "$G/api/invoices/$REF" -H "Authorization: Bearer $BIZ")
BODY=$(jq -nc --arg ref "$REF" --argjson amount "$(jq .amount <<<"$INVOICE")" --arg cur "$(jq -r .currency <<<"$INVOICE")" \
  --arg tx "demo-$(date +%s%N)" --arg at "$(date -u +%FT%TZ)" \
  '{paymentReference: $ref, amount: $amount, currency: $cur, bankTransactionId: $tx, paidAt: $at}')
T=$(date +%s)
SIG=$(printf '%s.%s' "$T" "$BODY" | openssl dgst -sha256 -hmac local-demo-bank-secret -r | cut -d' ' -f1)
curl -sf -X POST "$G/bank/v1/payments" -H "$JSON" -H "X-Bank-Code: DEMOBANK" -H "X-Bank-Signature: t=$T,v1=$SIG" -d "$BODY"; echo

# 7. The licence is issued once the payment event has gone round; anyone can verify it.
for _ in $(seq 30); do
  LIC=$(curl -sf "$G/api/applications/$APP" -H "Authorization: Bearer $BIZ" | jq -r '.licenceNumber // empty')
  [ -n "$LIC" ] && break; sleep 1
done
curl -sf "$G/verify/licences/$LIC" | jq .

# 8. The regulator's view of the company, its licences included.
curl -sf "$G/api/companies/$RN" -H "Authorization: Bearer $REG" | jq .
