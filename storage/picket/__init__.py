"""Picket storage: sites, shifts, sign-ups, check-ins, hours, reminders.

Three kinds of module, kept apart so the rules exist once and can be reused
by another database backend:

- the model and the rules, plain Python over values already loaded, with no
  SQL: `model` (Site, Shift and its places), `shift_rules`, `signup_rules`,
  `checkin_rules`, `site_rules`; what they decide or refuse is a value
  (`outcomes`) or a reason code (`refusals`), never a sentence;
- the SQL: `rows` (loading what the rules need, writing what they decided)
  and `signup_batch` (sign-ups a group at a time);
- the writes the commands call, each one hop to the database that loads,
  decides and writes: `sites`, `shifts`, `signups`, `checkins`, `privacy`.
  A write that affects other members takes the feature's `Notices`
  function and queues its messages in the same transaction.
"""
