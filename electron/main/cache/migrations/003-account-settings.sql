-- The non-secret settings of each provider account and what its last check or sign-in found.
-- Secrets (API keys, client secrets, tokens) are never here: they live in the OS keychain.

CREATE TABLE account_settings (
  account_id TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  -- production, test, preprod or custom; base_url is the address in use either way
  environment TEXT NOT NULL,
  base_url TEXT NOT NULL,
  -- Trans.eu: the authorization server, and the registered https redirect (NULL: loopback)
  auth_base_url TEXT,
  redirect_uri TEXT,
  -- SpotGo: the owner of the account's freights and shares
  owner_email TEXT,
  -- Crego: where public links start, how the account signs in, and the staff user name
  share_link_base TEXT,
  sign_in_method TEXT CHECK (sign_in_method IN ('password', 'token')),
  username TEXT,
  sync_interval_minutes INTEGER NOT NULL CHECK (sync_interval_minutes BETWEEN 1 AND 1440),
  sandbox INTEGER NOT NULL DEFAULT 0 CHECK (sandbox IN (0, 1)),
  status TEXT NOT NULL
    CHECK (status IN ('connected', 'needs_sign_in', 'unreachable', 'provider_error')),
  status_message TEXT,
  status_checked_at TEXT NOT NULL,
  signed_in_at TEXT,
  updated_at TEXT NOT NULL,
  -- Set when the account was removed but its cached freights were kept: it is no longer listed,
  -- synced or signed in, and its secrets are gone; the accounts row stays for those freights.
  removed_at TEXT
) STRICT;
