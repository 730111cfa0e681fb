// A throwaway self-signed certificate for 127.0.0.1, kept as text so it works from `src` and from
// a build alike. It protects nothing: the HTTP/2 fault server uses it (clients trust it through
// `H2FaultServer.ca`), and a TLS test that wants clients to reject it serves it as is. Made with
// `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500
// -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1`.

export const SELF_SIGNED_CERT = `-----BEGIN CERTIFICATE-----
MIIBjzCCATagAwIBAgIUIMDvdD2G8cQ4NrXNGmk7fcTqd3swCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyMjAzMzExOVoYDzIxMjYxMDI5
MDMzMTE5WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASm6fx01KNVZ30r9APy8NuP+ItV1hsee3VcHs7LdRuySB62EcXW0wsq
OIST32Jbwapw8CAExsT43Q2xAQOA3Ba1o2QwYjAdBgNVHQ4EFgQUcTyf6NZ6ldsp
u2mTN8QD+xXoKNQwHwYDVR0jBBgwFoAUcTyf6NZ6ldspu2mTN8QD+xXoKNQwDwYD
VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0cAMEQC
IHVlZT7hpukl57VPlh+yYWcGWRLvsb8ajrDw/2plxXjkAiBL2vCPk5fULcNU67b4
jWEK3F0hnhx5oeqJziOecqYq2Q==
-----END CERTIFICATE-----
`;

export const SELF_SIGNED_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg8I6yBP10ytBCj7Mt
r980Xs4e2CpIf03VL0oyEbHN1uehRANCAASm6fx01KNVZ30r9APy8NuP+ItV1hse
e3VcHs7LdRuySB62EcXW0wsqOIST32Jbwapw8CAExsT43Q2xAQOA3Ba1
-----END PRIVATE KEY-----
`;
