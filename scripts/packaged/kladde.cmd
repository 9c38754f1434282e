@echo off
rem `kladde ...` of an installed Kladde: the command line in app.asar, run by Kladde.exe as plain Node.
setlocal
set ELECTRON_RUN_AS_NODE=1
"%~dp0..\..\Kladde.exe" "%~dp0..\app.asar\dist\cli\kladde.js" %*
exit /b %ERRORLEVEL%
