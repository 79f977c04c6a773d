### Certificates, public verification and the printable certificate.

certificate-no_filing = Your institution has no filing in force on the issue date for this occupation and level, so it cannot issue.
certificate-not_passed = Only a passing result can be certified.
certificate-rescore_first = This result's certificate was revoked: record its scores again (a new, audited result) before issuing another certificate.
certificate-already_issued = A certificate has already been issued for this result.
certificate-revoked = This certificate is revoked.
certificate-suspended = This certificate is suspended.
certificate-valid = This certificate is valid, not suspended.
certificate-serials_exhausted = This year's certificate serials are used up.

certificates-title = Certificates
certificates-revoke = Revoke
certificates-suspend = Suspend
certificates-reinstate = Reinstate
certificates-print = Print
certificates-reason = Reason (public; no personal data)

verify-title = Certificate check
verify-outcome-valid = Valid: the signature checks out and the certificate is neither revoked nor suspended
verify-outcome-revoked = Revoked
verify-outcome-suspended = Suspended
verify-outcome-expired = Expired
verify-outcome-not_yet_valid = Not yet valid
verify-outcome-bad_signature = Signature does not match: altered, or not signed by this institution
verify-outcome-unknown_key = Signed with an unpublished key
verify-outcome-key_not_for_issuer = The signing key does not belong to the issuer
verify-outcome-malformed = The certificate file is malformed
verify-outcome-unsupported_cryptosuite = Unsupported signature suite
verify-reason = Reason
verify-since = since
verify-name = Certificate
verify-name_value = Skill-level certificate
verify-number = Number
verify-holder = Holder
verify-occupation = Occupation
verify-subtype = Sub-trade / direction
verify-level = Skill level
verify-issuer = Evaluation institution
verify-authorized_by = Authorized by
verify-issued_on = Issue date
verify-signature = Signature
verify-signature_ok = Ed25519 signature verified
verify-no_details = The signature did not verify, so no content is shown.
verify-download = Download the credential (JSON)
verify-offline_hint = Check it offline with gongjiang verify and the issuer's DID document.
verify-privacy = This page shows the masked name only, never ID or phone numbers.

print-body = Having been evaluated, the holder has reached the skill level below; this certificate is issued.
print-id_type = ID document
print-id_number = ID number
print-status = Status
print-qr_alt = Scan to verify
print-note = Scan the QR code or open the address below to verify. The credential is signed with the institution's Ed25519 key and can be checked offline.
print-hint = Use the browser's Print command for an A4 paper certificate.
print-print = Print
print-back = Back

# Certificate statuses, by stored code.
certificate_status-valid = Valid
certificate_status-suspended = Suspended
certificate_status-revoked = Revoked
certificates-confirm-revoke = Revoke the certificate
certificates-confirm-revoke_what = Anyone who verifies this certificate will then see that it is revoked, with the reason below. A revocation cannot be undone.
certificates-lookup_title = Look up a certificate
certificates-lookup_intro = Enter the certificate's number and its holder's name to verify it; scanning the QR code on the certificate works too. The verify page shows the masked name, occupation, level, issue date, issuer and status, never the ID number.
certificates-lookup_number = Certificate number
certificates-lookup_name = Holder's name
certificates-lookup_run = Look up
certificates-lookup_not_found = Not found: the number and the holder's name do not match, or there is no such certificate.
certificates-lookup_limit = Too many lookups; try again in { $minutes } minute(s).
