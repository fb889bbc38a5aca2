# Baselines for bench:forecast: R's forecast::ets (and croston) on a batch of series.
# Usage: Rscript forecast.R input output methods [totalSteps paths levels]
# Input: one series per line "id,frequency,horizon,v1,v2,..." (NA = missing/censored).
# Output CSV: id,method,step,mean,lo80,hi80,lo90,hi90,ms (ms = fit + forecast time of that series).
# Method "ets-total": quantiles (at `levels`, comma-separated) of the total over the next `totalSteps`
# steps, from `paths` paths simulated from the ets fit (simulate(fit, future = TRUE); negative
# simulated values clipped at 0); one row per level, step = level index, the quantile in "mean".
# The fit is shared with "ets" when both are asked; set.seed(1) per series keeps runs identical.
# Missing values: ets gets forecast::na.interp (the package's own interpolation); croston drops them.
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
methods <- strsplit(args[3], ",")[[1]]
total_steps <- if (length(args) >= 4) as.integer(args[4]) else NA
npaths <- if (length(args) >= 5) as.integer(args[5]) else 500
total_levels <- if (length(args) >= 6) as.numeric(strsplit(args[6], ",")[[1]]) else c(0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99)
lines <- readLines(args[1])
out <- file(args[2], "w")
writeLines("id,method,step,mean,lo80,hi80,lo90,hi90,ms", out)
for (ln in lines) {
  f <- strsplit(ln, ",", fixed = TRUE)[[1]]
  id <- f[1]
  fr <- as.integer(f[2])
  h <- as.integer(f[3])
  v <- suppressWarnings(as.numeric(f[-(1:3)]))
  y <- ts(v, frequency = fr)
  fit <- NULL
  for (m in methods) {
    t0 <- proc.time()[["elapsed"]]
    res <- tryCatch({
      if (m == "ets") {
        yy <- if (anyNA(y)) na.interp(y) else y
        fit <- ets(yy)
        fc <- forecast(fit, h = h, level = c(80, 90))
        cbind(as.numeric(fc$mean), fc$lower[, 1], fc$upper[, 1], fc$lower[, 2], fc$upper[, 2])
      } else if (m == "ets-total") {
        if (is.null(fit)) fit <- ets(if (anyNA(y)) na.interp(y) else y)
        set.seed(1)
        tot <- replicate(npaths, sum(pmax(0, simulate(fit, nsim = total_steps, future = TRUE))))
        q <- quantile(tot, total_levels, names = FALSE)
        cbind(q, NA, NA, NA, NA)
      } else if (m == "croston") {
        yy <- ts(y[!is.na(y)], frequency = fr)
        fc <- croston(yy, h = h)
        mm <- as.numeric(fc$mean)
        cbind(mm, NA, NA, NA, NA)
      } else stop("unknown method ", m)
    }, error = function(e) NULL)
    ms <- (proc.time()[["elapsed"]] - t0) * 1000
    if (is.null(res)) {
      writeLines(sprintf("%s,%s,-1,NA,NA,NA,NA,NA,%.1f", id, m, ms), out)
    } else {
      for (t in seq_len(nrow(res))) {
        writeLines(sprintf("%s,%s,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.1f", id, m, t, res[t, 1], res[t, 2], res[t, 3], res[t, 4], res[t, 5], ms), out)
      }
    }
  }
}
close(out)
