-- 058_register_totals: the totals under a register book's table (the sum
-- of each "totals" column over the standing entries that no standing entry
-- corrects) kept on the book's row, moved in the same transactions as the
-- balances (an entry submitted, returned, or corrected), so a register
-- page no longer adds up every entry of the book on each view.
--
-- NULL = not counted yet (books from before this migration): the first
-- reader counts them once under the book's lock (register.c
-- reg_book_totals); the entry transactions leave NULL as it is.
ALTER TABLE register_books
  ADD COLUMN totals VARCHAR(1000) NULL COMMENT 'JSON: column -> sum (paise for money); NULL until first counted' AFTER balances;
