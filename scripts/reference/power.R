# Reference values of the t-tests' power and its inverses (issue 16), computed with R.
#
#   Rscript scripts/reference/power.R
#
# R 4.2.2, pwr 1.3-0. pwr's own inverses stop uniroot at its default tolerance (~1e-4); the
# exact ones solve pwr's power function with uniroot at tol = 1e-14. The values are pasted into
# src/stats/power.rs.
suppressPackageStartupMessages(library(pwr))
p <- function(...) pwr.t.test(...)$power
print(c(p(n=11, d=0.8, type="paired"), p(n=11, d=0.8, type="paired", alternative="greater"),
        p(n=20, d=0.5, type="two.sample"), pwr.t2n.test(n1=11, n2=10, d=1.2)$power), digits=17)
# exact solutions (uniroot at tol 1e-14 on pwr's own power)
exact_d <- function(n, type="paired", alt="two.sided") uniroot(function(d) p(n=n, d=d, type=type, alternative=alt) - 0.8, c(1e-6, 10), tol=1e-14)$root
exact_n <- function(d, type="paired", alt="two.sided") uniroot(function(n) p(n=n, d=d, type=type, alternative=alt) - 0.8, c(2.0001, 1e5), tol=1e-14)$root
print(c(exact_d(11), exact_d(11, alt="greater"), exact_d(6), exact_d(40)), digits=17)
print(c(exact_n(0.5), exact_n(0.5, "two.sample"), exact_n(1.0, alt="greater")), digits=17)
print(uniroot(function(d) pwr.t2n.test(n1=11, n2=10, d=d)$power - 0.8, c(1e-6, 10), tol=1e-14)$root, digits=17)
print(uniroot(function(a) p(n=11, d=0.8, type="paired", sig.level=a) - 0.8, c(1e-10, 1-1e-10), tol=1e-14)$root, digits=17)
# pwr's own answers (to uniroot's default tolerance), as a user would check prepost power
print(c(pwr.t.test(d = 0.5, power = 0.8, type = "paired")$n,
        pwr.t.test(n = 11, power = 0.8, type = "paired")$d,
        pwr.t.test(d = 0.5, power = 0.8)$n,
        pwr.t.test(n = 11, d = 0.8, power = 0.8, sig.level = NULL, type = "paired")$sig.level), digits = 17)
