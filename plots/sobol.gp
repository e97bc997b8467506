# govsim figure @@NAME@@: Sobol indices of one KPI, first-order and total, 95 % bootstrap CIs.
# Data: @@NAME@@.dat, one row per parameter: row S1 S1_conf95 ST ST_conf95.
# First-order: the share of the KPI's variance the parameter causes alone;
# total: with its interactions. Re-draw from this folder with: gnuplot @@NAME@@.gp
reset
# govsim draws into temporary files and renames them once complete; run by hand,
# the script writes @@NAME@@.png and @@NAME@@.svg.
if (!exists("govsim_png")) govsim_png = '@@NAME@@.png'
if (!exists("govsim_svg")) govsim_svg = '@@NAME@@.svg'
set encoding utf8
set datafile missing 'NaN'
set terminal pngcairo size 1000,600 font @@FONT@@ noenhanced
set output govsim_png
set title @@TITLE@@ noenhanced
set xlabel @@XLABEL@@ noenhanced
set ylabel @@YLABEL@@ noenhanced
set key top right noenhanced
set grid ytics lc rgb '#dddddd'
set border 3
set tics nomirror
set style data histograms
set style histogram errorbars gap 1.5 lw 1
set style fill solid 0.75 border -1
set boxwidth 0.9
set yrange [0:*]
@@SETTINGS@@
@@PLOT@@
set terminal svg size 1000,600 font @@FONT@@ noenhanced background rgb 'white'
set output govsim_svg
replot
unset output
