; Inno Setup 6 script: per-user Windows installer for the bundle that build_bundle.py makes.
; Compile on Windows after building the bundle:  iscc installers\workbench.iss
; No administrator rights are needed; the program goes to %LOCALAPPDATA%\Programs\workbench.
; Projects, settings and logs live in the user's own folders (%APPDATA%\workbench,
; %LOCALAPPDATA%\workbench, 文档\workbench), outside {app}, so uninstalling keeps them.

#define AppName "小微企业成长计划考核工作台"
#define AppVersion "0.1.0"
#define AppPublisher "嘉兴市统计局"
#define BundleDir "..\build\dist\workbench"

[Setup]
AppId={{6F1B7A52-3C0E-4E7B-9B64-2A1D8E5C0F31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\workbench
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
OutputDir=..\build\installer
OutputBaseFilename=workbench-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\workbench-gui.exe
UninstallDisplayName={#AppName}

[Languages]
; ChineseSimplified.isl ships with Inno Setup 6.3 and later (Languages folder).
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "在桌面创建快捷方式"; GroupDescription: "快捷方式："

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\workbench-gui.exe"
Name: "{group}\{#AppName} 自检"; Filename: "{cmd}"; Parameters: "/k ""{app}\workbench.exe"" --self-test"
Name: "{group}\卸载 {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\workbench-gui.exe"; Tasks: desktopicon

[Registry]
; .wbproj opens in the workbench (per user: HKCU\Software\Classes).
Root: HKA; Subkey: "Software\Classes\.wbproj"; ValueType: string; ValueName: ""; ValueData: "workbench.project"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\workbench.project"; ValueType: string; ValueName: ""; ValueData: "考核工作台项目"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\workbench.project\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\workbench-gui.exe,0"
Root: HKA; Subkey: "Software\Classes\workbench.project\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\workbench-gui.exe"" ""%1"""

[Run]
Filename: "{app}\workbench-gui.exe"; Description: "启动{#AppName}"; Flags: nowait postinstall skipifsilent
