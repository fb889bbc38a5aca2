# Baselines for bench:forecast: R's forecast::ets (and croston) on a batch of series.
# Input: one series per line "id,frequency,horizon,v1,v2,..." (NA = missing/censored).
# Output CSV: id,method,step,mean,lo80,hi80,lo90,hi90,ms (ms = fit + forecast time of that series).
# Missing values: ets gets forecast::na.interp (the package's own interpolation); croston drops them.
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
methods <- strsplit(args[3], ",")[[1]]
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
  for (m in methods) {
    t0 <- proc.time()[["elapsed"]]
    res <- tryCatch({
      if (m == "ets") {
        yy <- if (anyNA(y)) na.interp(y) else y
        fc <- forecast(ets(yy), h = h, level = c(80, 90))
        cbind(as.numeric(fc$mean), fc$lower[, 1], fc$upper[, 1], fc$lower[, 2], fc$upper[, 2])
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
      for (t in seq_len(h)) {
        writeLines(sprintf("%s,%s,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.1f", id, m, t, res[t, 1], res[t, 2], res[t, 3], res[t, 4], res[t, 5], ms), out)
      }
    }
  }
}
close(out)
