-- 011_book_accounts: only wallets keep a cached balance from now on (book
-- accounts are the sum of their entries, so no single row is locked by
-- every CSC transaction in the state); clear the stale caches.
UPDATE accounts SET balance_paise = 0 WHERE kind <> 'wallet';
