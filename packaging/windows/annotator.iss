; Inno Setup 6 script: Windows installer for the PyInstaller bundle (packaging/dist/annotator).
; Built by .github/workflows/release.yml; by hand, after the bundle, from the repository root:
;
;   iscc /DAppVersion=0.1.0 packaging\windows\annotator.iss
;
; Output: packaging\dist\annotator-VERSION-windows-x64-setup.exe. Installs for the current user without
; admin rights (%LOCALAPPDATA%\Programs\Annotator) or, if chosen in the first dialog, for all users
; (Program Files). Start menu entry, optional desktop icon, an uninstaller in Settings > Apps.
; Projects (.annotator files) live wherever the user saved them and are never removed.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\annotator"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist"
#endif

[Setup]
AppId={{6F1B7C2E-4F0B-4C55-9E3A-0C3A2D4B8E11}
AppName=Annotator
AppVersion={#AppVersion}
AppVerName=Annotator {#AppVersion}
AppPublisher=Annotator developers
AppComments=Turn news articles into NLP training data: entities, quotes, speakers, stance and claims
DefaultDirName={autopf}\Annotator
DefaultGroupName=Annotator
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=annotator-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\annotator.ico
UninstallDisplayIcon={app}\Annotator.exe
UninstallDisplayName=Annotator
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the whole bundle: no stale libraries from the previous version.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Annotator"; Filename: "{app}\Annotator.exe"; Comment: "Annotate quotes, speakers, stance and claims in news articles"
Name: "{autodesktop}\Annotator"; Filename: "{app}\Annotator.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\Annotator.exe"; Description: "{cm:LaunchProgram,Annotator}"; Flags: nowait postinstall skipifsilent
