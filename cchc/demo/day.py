"""The one day the demo city is built for: nothing in the demo happens after it.

15/04/2027 shows the seeds' cycle where it is most alive: the PAR Index of 2023-2025 published and the 2026 round
in self-assessment; the 2026 CCHC plans closed and the 2027 plans under way; the movement's 2026 reports (due
30/11/2026) received, late or missing; the first annual award round of the 2026-2030 movement (2162/QĐ-UBND) past
its 31/3 deadline, its council met and its decisions signed.
"""

from datetime import date

DEMO_DAY = date(2027, 4, 15)
