"""The one day the demo city is built for: nothing in the demo happens after it.

26/11/2027 shows the seeds' cycle where it is most alive: the PAR Index of 2024-2026 published (each in February
of the next year) and the 2027 round in self-assessment; the 2026 CCHC plans closed and the 2027 plans in their
last weeks (deadlines passed and coming); the movement's 2027 reports due (xã Khúc Thừa Dụ's on 25/11, the city's
on 30/11); the first annual award round of the 2026-2030 movement (2162/QĐ-UBND, dossiers before 31/3/2027 on
the 2026 ranking) decided, its council met and its decisions signed.
"""

from datetime import date

DEMO_DAY = date(2027, 11, 26)
