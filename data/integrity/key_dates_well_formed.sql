-- Every key date has a label (not only spaces, at most data.key_dates.LABEL_CHARS characters)
-- and a day from data.model.EARLIEST_DATE to the end of next year, and no day holds the same
-- label twice. $label_chars, $earliest and $today are those bounds. Offending rows: one per key date that breaks this.
SELECT key_date_id, day, label
FROM (
    SELECT *, count(*) OVER (PARTITION BY day, lower(trim(label))) AS same_label
    FROM key_dates
)
WHERE trim(label) = ''
   OR length(label) > $label_chars
   OR day < $earliest
   OR day > make_date(year($today) + 1, 12, 31)
   OR same_label > 1
ORDER BY key_date_id
